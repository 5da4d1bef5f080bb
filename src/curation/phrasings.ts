/**
 * Picks from "did you mean" as phrasings a curator can paste (`sma report --phrasings`): the
 * question someone asked, labelled by the fact they chose. Only picks whose words the log kept
 * (QUESTION_LOG=on) count.
 *
 * A candidate is offered only when the record still passes `sma kb check` with it: every
 * candidate is added to a copy of the record at once and the check is run (as `kb check` runs
 * it, as of the record's newest source); a candidate that does not route back to its fact, or
 * that collides with another fact's phrasing, is left out with the reason, and so are the
 * candidates of a fact that now takes an existing phrasing from its owner. Then again, until the
 * check finds nothing new (a few passes at most). Two facts picked for the same words: the one
 * picked more often keeps them. Words the fact already has are skipped.
 */
import { stringify } from 'yaml';
import { checkRouting } from '../core/kbCheck.js';
import { createResponder } from '../core/responder.js';
import { hasHangul } from '../core/understand/korean.js';
import { atNoon } from '../eval/questionSet.js';
import { recordDate } from '../knowledge/dates.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { PickedFact } from './report.js';

export interface Candidate {
  factId: string;
  language: 'en' | 'ko';
  text: string;
  picks: number;
}

export interface PhrasingCandidates {
  accepted: Candidate[];
  left: (Candidate & { why: string })[];
}

const MAX_PASSES = 4;

export function phrasingCandidates(kb: Knowledge, picks: readonly PickedFact[]): PhrasingCandidates {
  const facts = new Map(kb.facts.map((f) => [f.id, f]));
  const left: PhrasingCandidates['left'] = [];
  const now = atNoon(recordDate(kb));
  const responder = createResponder(kb, { clock: () => now });
  const normaliser = responder.normaliser;
  const keyOf = (text: string) => `${hasHangul(text) ? 'ko' : 'en'}:${normaliser.contentOf(text).join(' ')}`;
  const existing = new Map<string, string>();
  for (const f of kb.facts) for (const p of [f.question, ...f.phrasings, ...(f.ko ? [f.ko.question, ...f.ko.phrasings] : [])]) existing.set(keyOf(p), f.id);

  // One owner per wording: the fact picked most often for it.
  const byKey = new Map<string, Candidate>();
  for (const p of picks) {
    for (const q of p.questions) {
      const c: Candidate = { factId: p.factId, language: hasHangul(q.text) ? 'ko' : 'en', text: q.text, picks: q.count };
      const key = keyOf(q.text);
      const owner = existing.get(key);
      if (owner === c.factId) continue;
      if (owner) left.push({ ...c, why: `the fact "${owner}" has these words already` });
      else if (!facts.has(c.factId)) left.push({ ...c, why: 'the record no longer has this fact' });
      else if (c.language === 'ko' && !facts.get(c.factId)!.ko) left.push({ ...c, why: 'the fact has no ko block for a Korean phrasing' });
      else {
        const rival = byKey.get(key);
        if (!rival || rival.picks < c.picks) {
          if (rival) left.push({ ...rival, why: `picked more often for "${c.factId}"` });
          byKey.set(key, c);
        } else left.push({ ...c, why: `picked more often for "${rival.factId}"` });
      }
    }
  }

  let accepted = [...byKey.values()];
  // What already fails without the candidates is not theirs to answer for; checked only once the
  // record with them fails (a whole-record check takes about a second).
  let before: Set<string> | undefined;
  const failedBefore = () => (before ??= new Set(checkRouting(kb, now, { responder }).failures.map((f) => `${f.factId}\u0000${f.phrasing}`)));
  for (let pass = 0; pass < MAX_PASSES && accepted.length; pass++) {
    const all = checkRouting(withCandidates(kb, accepted), now).failures;
    const failures = all.length ? all.filter((f) => !failedBefore().has(`${f.factId}\u0000${f.phrasing}`)) : [];
    if (!failures.length) break;
    const dropped = new Map<Candidate, string>();
    for (const f of failures) {
      const own = accepted.find((c) => c.factId === f.factId && c.text === f.phrasing);
      if (own) dropped.set(own, f.problem);
      // An existing phrasing now routes to another fact: that fact's candidates took it.
      const taker = /routes to fact "([^"]+)"/.exec(f.problem)?.[1];
      if (!own && taker) for (const c of accepted) if (c.factId === taker) dropped.set(c, `"${f.phrasing}" of fact "${f.factId}" would route here instead`);
    }
    if (!dropped.size) break;
    for (const [c, why] of dropped) left.push({ ...c, why });
    accepted = accepted.filter((c) => !dropped.has(c));
  }
  return { accepted: accepted.sort((a, b) => a.factId.localeCompare(b.factId) || b.picks - a.picks), left };
}

function withCandidates(kb: Knowledge, candidates: readonly Candidate[]): Knowledge {
  return {
    ...kb,
    facts: kb.facts.map((f) => {
      const mine = candidates.filter((c) => c.factId === f.id);
      if (!mine.length) return f;
      const en = mine.filter((c) => c.language === 'en').map((c) => c.text);
      const ko = mine.filter((c) => c.language === 'ko').map((c) => c.text);
      return { ...f, phrasings: [...f.phrasings, ...en], ...(f.ko ? { ko: { ...f.ko, phrasings: [...f.ko.phrasings, ...ko] } } : {}) };
    }),
  };
}

/**
 * The YAML a curator pastes: per fact id its `phrasings:` (and `ko:` `phrasings:`), indented as
 * in knowledge/facts/*.yaml, so the `- …` lines go under the fact's own lists as they are.
 */
export function phrasingsYaml(result: PhrasingCandidates, period: { since: string; until: string }): string {
  const lines = [
    `# Candidate phrasings: questions people asked, then picked this fact from "did you mean" (${period.since.slice(0, 10)} to ${period.until.slice(0, 10)}).`,
    "# Paste the '- ' lines under the fact's phrasings: (Korean: under its ko: phrasings:); sma kb check passes with all of them added.",
  ];
  if (!result.accepted.length) lines.push('# No candidates in this period.', '{}');
  const ids = [...new Set(result.accepted.map((c) => c.factId))];
  for (const id of ids) {
    const mine = result.accepted.filter((c) => c.factId === id);
    const item = (c: Candidate) => `- ${stringify(c.text, { lineWidth: 0 }).trimEnd()} # picked ${c.picks}×`;
    lines.push(`${id}:`);
    const en = mine.filter((c) => c.language === 'en');
    const ko = mine.filter((c) => c.language === 'ko');
    if (en.length) lines.push('  phrasings:', ...en.map((c) => `  ${item(c)}`));
    if (ko.length) lines.push('  ko:', '    phrasings:', ...ko.map((c) => `    ${item(c)}`));
  }
  for (const c of result.left) lines.push(`# left out for ${c.factId}: ${JSON.stringify(c.text)} (${c.why})`);
  return `${lines.join('\n')}\n`;
}
