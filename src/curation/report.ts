/**
 * The curators' report (`sma report`, `/sma report` in Slack, `/sma-admin report` in Discord): what
 * the bot could not answer and what it was asked to clarify (near-duplicates grouped), 👎 votes by
 * fact with their reasons, answers per fact and per intent, picks from "did you mean" as candidate
 * phrasings, and announcement deliveries per platform. One object, built here from the stores;
 * `reportText.ts` lays it out for a terminal or a chat message, and `sma report --json` prints it
 * as it is (its format is documented in the README).
 *
 * The period starts at `since` but never before the retention period: an event older than that
 * is not shown even if a prune has not run yet.
 */
import { basicTokens, Normaliser } from '../core/normalise.js';
import type { Knowledge } from '../knowledge/schema.js';
import { retentionStart } from './questionLog.js';
import { groupSimilar, type QuestionGroup, type TextCount } from './similar.js';
import type { DeliveryFiguresStore, FeedbackStore, PlatformDeliveries, QuestionEvent, QuestionLogStore, QuestionOutcome, Vote } from './types.js';

export interface ReportSources {
  questions: QuestionLogStore;
  deliveries: DeliveryFiguresStore;
  /** The feedback buttons' votes; absent where they are not stored. */
  feedback?: FeedbackStore;
}

export interface ReportOptions {
  since: Date;
  /** The real clock (the end of the period). */
  now: Date;
  retentionDays: number;
  /** QUESTION_LOG: whether question texts are being kept now. */
  questionLog: boolean;
  /** The record's lexicon makes "how many troops" and "troop numbers?" alike; without it, plain words. */
  knowledge?: Knowledge;
}

export interface FactVotes {
  /** The fact voted on; absent for a table answer (then `intent` says which). */
  factId?: string;
  intent: string;
  down: number;
  up: number;
  /** The reasons given with the 👎, newest first. */
  reasons: string[];
}

export interface Count {
  key: string;
  count: number;
}

export interface PickedFact {
  factId: string;
  picks: number;
  /** The questions that led to the pick (only what the log kept), most picked first. */
  questions: { text: string; count: number }[];
}

export interface Report {
  period: { since: string; until: string; days: number; retentionDays: number; clippedToRetention: boolean };
  questionLog: 'on' | 'off';
  /** Turns by outcome, texts or not. */
  turns: Record<QuestionOutcome, number> & { total: number };
  /** "I don't know" and "the record has no …", grouped; empty texts are not listed. */
  unanswered: QuestionGroup[];
  clarified: QuestionGroup[];
  /** Turns without their words (the log was off), per section: counted, not listed. */
  untexted: { unanswered: number; clarified: number };
  votes: { available: boolean; byFact: FactVotes[] };
  answers: { byFact: Count[]; byIntent: Count[] };
  picks: PickedFact[];
  deliveries: PlatformDeliveries[];
}

const OUTCOMES: readonly QuestionOutcome[] = ['answer', 'clarify', 'unknown', 'lacks', 'pick'];

export async function buildReport(sources: ReportSources, o: ReportOptions): Promise<Report> {
  const oldest = retentionStart(o.now, o.retentionDays);
  const since = new Date(Math.max(o.since.getTime(), oldest.getTime()));
  const [events, votes, deliveries] = await Promise.all([sources.questions.questions(since), sources.feedback?.votes(since), sources.deliveries.deliveryFigures(since)]);
  const tokensOf = similarityTokens(o.knowledge);
  const turns = { total: events.length, ...Object.fromEntries(OUTCOMES.map((k) => [k, events.filter((e) => e.outcome === k).length])) } as Report['turns'];
  const unanswered = events.filter((e) => e.outcome === 'unknown' || e.outcome === 'lacks');
  const clarified = events.filter((e) => e.outcome === 'clarify');
  // A pick is an answer too: the option chosen was answered.
  const answered = events.filter((e) => e.outcome === 'answer' || e.outcome === 'pick');
  return {
    period: {
      since: since.toISOString(),
      until: o.now.toISOString(),
      days: Math.round((o.now.getTime() - since.getTime()) / 86_400_000),
      retentionDays: o.retentionDays,
      clippedToRetention: since > o.since,
    },
    questionLog: o.questionLog ? 'on' : 'off',
    turns,
    unanswered: groupSimilar(textCounts(unanswered), tokensOf),
    clarified: groupSimilar(textCounts(clarified), tokensOf),
    untexted: { unanswered: unanswered.filter((e) => !e.question).length, clarified: clarified.filter((e) => !e.question).length },
    votes: { available: votes !== undefined, byFact: votesByFact(votes ?? []) },
    answers: {
      byFact: counted(answered.flatMap((e) => (e.answer.factId ? [e.answer.factId] : []))),
      byIntent: counted(answered.map((e) => e.answer.intent)),
    },
    picks: pickedFacts(events.filter((e) => e.outcome === 'pick')),
    deliveries,
  };
}

/** Content tokens through the record's normaliser (its synonyms and stop words), else plain words. */
function similarityTokens(kb: Knowledge | undefined): (text: string) => string[] {
  const normaliser = kb ? new Normaliser(kb.lexicon) : undefined;
  return (text) => {
    const content = normaliser?.query(text).content ?? [];
    return content.length ? content : [...basicTokens(text)];
  };
}

function textCounts(events: readonly QuestionEvent[]): TextCount[] {
  const byText = new Map<string, TextCount>();
  for (const e of events) {
    if (!e.question) continue;
    const key = e.question.trim().toLowerCase();
    const entry = byText.get(key) ?? { text: e.question.trim(), count: 0, askers: new Set<string>() };
    entry.count++;
    if (e.asker) entry.askers.add(e.asker);
    byText.set(key, entry);
  }
  return [...byText.values()];
}

function counted(keys: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function votesByFact(votes: readonly Vote[]): FactVotes[] {
  const byAnswer = new Map<string, FactVotes>();
  for (const v of [...votes].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const key = v.answer.factId ?? `intent:${v.answer.intent}`;
    const entry = byAnswer.get(key) ?? { ...(v.answer.factId ? { factId: v.answer.factId } : {}), intent: v.answer.intent, down: 0, up: 0, reasons: [] };
    if (v.value === 'down') {
      entry.down++;
      if (v.reason?.trim()) entry.reasons.push(v.reason.trim());
    } else entry.up++;
    byAnswer.set(key, entry);
  }
  return [...byAnswer.values()].filter((f) => f.down > 0).sort((a, b) => b.down - a.down || a.up - b.up);
}

function pickedFacts(picks: readonly QuestionEvent[]): PickedFact[] {
  const byFact = new Map<string, QuestionEvent[]>();
  for (const p of picks) if (p.answer.factId) byFact.set(p.answer.factId, [...(byFact.get(p.answer.factId) ?? []), p]);
  return [...byFact]
    .map(([factId, events]) => ({
      factId,
      picks: events.length,
      questions: textCounts(events)
        .map(({ text, count }) => ({ text, count }))
        .sort((a, b) => b.count - a.count),
    }))
    .sort((a, b) => b.picks - a.picks || a.factId.localeCompare(b.factId));
}

/** `--since`: `30d` (days before now) or a date `2026-11-01` (UTC midnight); undefined when it is neither. */
export function parseSince(value: string, now: Date): Date | undefined {
  const days = /^(\d{1,4})d$/.exec(value.trim());
  if (days) return new Date(now.getTime() - Number(days[1]) * 86_400_000);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return undefined;
  const date = new Date(`${value.trim()}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value.trim()) ? undefined : date;
}
