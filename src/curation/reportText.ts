/**
 * The report as text: in full for `sma report`, or compact for a chat message within a platform's
 * limit (Slack's 3,000-character section, Discord's 2,000-character message). One formatter for
 * both: compact shows the top few of each list and, if the whole still does not fit, fewer,
 * then cuts at a line with a note that `sma report` has it all. Plain text: the chat renderers
 * escape it for their markup (the question texts are users' words).
 */
import type { QuestionGroup } from './similar.js';
import type { Report } from './report.js';

export interface TextOptions {
  /** Items per list (default: all). */
  top?: number;
  /** Characters at most (default: no limit). */
  limit?: number;
}

const COMPACT_TOPS = [5, 3, 1];

export function reportText(report: Report, o: TextOptions = {}): string {
  if (o.limit === undefined) return render(report, o.top ?? Number.POSITIVE_INFINITY);
  for (const top of o.top !== undefined ? [o.top] : COMPACT_TOPS) {
    const text = render(report, top);
    if (text.length <= o.limit) return text;
  }
  return cut(render(report, 1), o.limit);
}

function cut(text: string, limit: number): string {
  const note = '\n… (cut to fit this message: `sma report` shows it all)';
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = note.length;
  for (const line of lines) {
    if (length + line.length + 1 > limit) break;
    kept.push(line);
    length += line.length + 1;
  }
  return `${kept.join('\n')}${note}`;
}

function render(r: Report, top: number): string {
  const out: string[] = [];
  const p = r.period;
  out.push(`SMA bot report, ${p.since.slice(0, 10)} to ${p.until.slice(0, 10)} (${p.days} days${p.clippedToRetention ? `: the question log keeps ${p.retentionDays}` : ''})`);
  out.push(
    r.questionLog === 'on'
      ? `Question log: on (the words of unanswered questions kept ${p.retentionDays} days, askers as keyed hashes).`
      : 'Question log: off (QUESTION_LOG=off): counts only, no question texts.',
  );
  const t = r.turns;
  out.push(`Turns: ${t.total} (${t.answer} answered, ${t.clarify} did you mean, ${t.pick} picked from did you mean, ${t.unknown} I don't know, ${t.lacks} the record lacks)`);

  section(out, "Top unanswered (I don't know, the record lacks)", groups(r.unanswered, top, r.untexted.unanswered, r.questionLog));
  section(out, 'Top clarified ("did you mean")', groups(r.clarified, top, r.untexted.clarified, r.questionLog));

  const votes = !r.votes.available
    ? ['(votes are not recorded by this bot)']
    : r.votes.byFact.length
      ? limited(
          r.votes.byFact.map((v) => `${v.factId ?? `the ${v.intent} table`}: ${v.down} 👎, ${v.up} 👍${v.reasons.length ? ` (${v.reasons.map((x) => `"${x}"`).join('; ')})` : ''}`),
          top,
        )
      : ['(none)'];
  section(out, '👎 by fact, with the reasons', votes);

  section(
    out,
    'Answers per fact',
    r.answers.byFact.length
      ? limited(
          r.answers.byFact.map((c) => `${c.key}: ${c.count}`),
          top,
        )
      : ['(none)'],
  );
  section(
    out,
    'Answers per intent',
    r.answers.byIntent.length
      ? limited(
          r.answers.byIntent.map((c) => `${c.key}: ${c.count}`),
          top,
        )
      : ['(none)'],
  );

  const picks = r.picks.length
    ? limited(
        r.picks.map((f) => {
          const asked = f.questions.map((q) => `"${q.text}"${q.count > 1 ? ` ×${q.count}` : ''}`).join(', ');
          return `${f.factId}: picked ${f.picks}×${asked ? `, after ${asked}` : ''}`;
        }),
        top,
      )
    : ['(none)'];
  if (r.picks.length && r.questionLog === 'off' && r.picks.every((f) => !f.questions.length)) picks.push('(the questions are not kept: QUESTION_LOG=off)');
  section(out, 'Picks from "did you mean" (candidate phrasings: sma report --phrasings)', picks);

  const deliveries = r.deliveries.length
    ? r.deliveries.map((d) => `${d.platform}: ${d.sent} sent, ${d.retried} retried, ${d.failed} failed (${d.expired} expired, ${d.pending} pending)`)
    : ['(none)'];
  section(out, 'Announcement deliveries', deliveries);
  return out.join('\n');
}

function section(out: string[], title: string, lines: string[]): void {
  out.push('', `${title}:`, ...lines.map((l) => `  ${l}`));
}

function limited(lines: string[], top: number): string[] {
  return lines.length > top ? [...lines.slice(0, top), `… and ${lines.length - top} more`] : lines;
}

function groups(list: readonly QuestionGroup[], top: number, untexted: number, log: Report['questionLog']): string[] {
  const lines = limited(
    list.map((g) => `${g.count}× "${g.representative}"${g.similar.length ? ` (+${g.similar.length} similar)` : ''}${g.askers > 1 ? `, ${g.askers} askers` : ''}`),
    top,
  );
  if (untexted) lines.push(`${untexted} without their words${log === 'off' ? ' (QUESTION_LOG=off)' : ''}`);
  return lines.length ? lines : ['(none)'];
}
