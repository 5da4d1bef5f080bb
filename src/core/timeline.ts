/**
 * Where relative words meet the tables: which negotiation is "current", which agreement is
 * "in force", which round is "next" or "latest" — all computed from the record and a clock,
 * so answers stay right as dates pass. The clock resolves words; it hides no knowledge.
 */
import { lowerBound, upperBound } from '../knowledge/dates.js';
import { CONCLUDING, MILESTONE_KEYS } from '../knowledge/milestones.js';
import type { Agreement, Knowledge, Milestone, Round } from '../knowledge/schema.js';
import { isoDay } from './format.js';

/**
 * Whether a milestone had happened by the clock's day. A month-precision date ("1991-01") is
 * `done` only once its month is over and `ahead` only before it begins: within the month the
 * record cannot say whether the day had come, so it is `unsure`, and the answer says so rather
 * than tell of an event that may still have been ahead or deny one that may have happened. The
 * same rule makes an agreement dated to a month "concluded", "current" or "in force" only from
 * the end of that month.
 */
export type Happened = 'done' | 'ahead' | 'unsure';
export function happenedBy(date: string, day: string): Happened {
  if (upperBound(date) <= day) return 'done';
  return lowerBound(date) > day ? 'ahead' : 'unsure';
}

/** Certainly happened by the day (see happenedBy). */
export const doneBy = (date: string, day: string) => happenedBy(date, day) === 'done';

export interface Span {
  from: string;
  to?: string;
}

export function roundsOf(kb: Knowledge, agreementId: string): Round[] {
  return kb.rounds.filter((r) => r.agreement === agreementId).sort(byStart);
}

export function byStart(a: Round, b: Round): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.round - b.round;
}

/** First to last known day of an agreement's negotiation, from its rounds and `talks` entry. */
export function talksSpan(kb: Knowledge, a: Agreement): Span | undefined {
  const rounds = roundsOf(kb, a.id);
  const starts = [a.talks?.from, rounds[0]?.start].filter((d): d is string => !!d).sort();
  if (!starts.length) return undefined;
  const last = rounds[rounds.length - 1];
  const ends = [a.talks?.to, last?.end ?? last?.start, a.agreed?.date, a.initialed?.date].filter((d): d is string => !!d).sort();
  return { from: starts[0]!, to: ends[ends.length - 1] };
}

/**
 * The negotiation under way at `now`, or else the latest one begun (or, when the record gives no
 * dates for its talks, concluded) by then. Undefined before every negotiation in the record: a
 * clock never looks ahead to talks that had not begun.
 */
export function negotiationAt(kb: Knowledge, now: Date): Agreement | undefined {
  const day = isoDay(now);
  const known = kb.agreements
    .map((a) => ({ a, since: talksSpan(kb, a)?.from ?? concludedOn(a) }))
    .filter((x): x is { a: Agreement; since: string } => !!x.since && x.since <= day)
    .sort((x, y) => (x.since < y.since ? -1 : x.since > y.since ? 1 : x.a.number - y.a.number));
  return known[known.length - 1]?.a;
}

/**
 * How far ahead of the clock a round counts as already scheduled. The record has no announcement
 * dates; rounds were announced a few weeks ahead, so a round further off was not yet known then.
 */
export const SCHEDULE_HORIZON_DAYS = 45;

/** The next round as it was known on `now`: in the talks under way, within the horizon. */
export function scheduledRound(kb: Knowledge, now: Date): Round | undefined {
  const next = nextRound(kb, now);
  const talks = negotiationAt(kb, now);
  if (!next || !talks || next.agreement !== talks.id) return undefined;
  const horizon = new Date(now.getTime() + SCHEDULE_HORIZON_DAYS * 86400000);
  return next.start <= isoDay(horizon) ? next : undefined;
}

/** The milestone that ended the negotiation: the agreement reached, else its initialing, the cabinet's approval or its signing. */
export function concludingMilestone(a: Agreement): Milestone | undefined {
  return CONCLUDING.map((k) => a[k]).find((m) => !!m);
}

/** Whether the negotiation has ended (an agreement reached or initialed) by `now`. */
export function negotiationConcluded(a: Agreement, now: Date): boolean {
  const end = concludingMilestone(a);
  return !!end && doneBy(end.date, isoDay(now));
}

/** The agreement whose period covers the clock's year (the newest, if two overlap). */
export function agreementCovering(kb: Knowledge, year: number): Agreement | undefined {
  const covering = kb.agreements.filter((a) => a.period.from <= year && year <= a.period.to);
  return covering.sort((x, y) => y.number - x.number)[0];
}

export function agreementByNumber(kb: Knowledge, n: number): Agreement | undefined {
  return kb.agreements.find((a) => a.number === n);
}

/** Rounds that have started by `now` (whatever their status), oldest first. */
export function roundsSoFar(kb: Knowledge, agreementId: string, now: Date): Round[] {
  const day = isoDay(now);
  return roundsOf(kb, agreementId).filter((r) => r.start <= day && r.status !== 'cancelled');
}

/** The round under way on `now`'s day, if any. */
export function roundInProgress(kb: Knowledge, now: Date): Round | undefined {
  const day = isoDay(now);
  return kb.rounds.filter((r) => r.status !== 'cancelled' && r.start <= day && (r.end ?? r.start) >= day).sort(byStart)[0];
}

/** The first round starting after `now`'s day that is not cancelled. */
export function nextRound(kb: Knowledge, now: Date): Round | undefined {
  const day = isoDay(now);
  return kb.rounds.filter((r) => r.status !== 'cancelled' && r.start > day).sort(byStart)[0];
}

/** The most recent round that had started by `now`. */
export function latestRound(kb: Knowledge, now: Date): Round | undefined {
  const day = isoDay(now);
  const past = kb.rounds.filter((r) => r.status !== 'cancelled' && r.start <= day).sort(byStart);
  return past[past.length - 1];
}

/** The last day an agreement covers. */
export function periodEnd(a: Agreement): string {
  return `${a.period.to}-12-31`;
}

/** The earliest dated milestone of an agreement: when it was first known to exist. */
export function concludedOn(a: Agreement): string | undefined {
  return MILESTONE_KEYS.map((k) => a[k]?.date)
    .filter((d): d is string => !!d)
    .sort()[0];
}

/**
 * Whether an agreement was in force on `day`: from its entry into force to the end of its period.
 * Agreements the record gives no entry-into-force date for (the 8th, the 9th…) count as in force
 * through their years once concluded, since the sources report them applied.
 */
export function inForceOn(a: Agreement, day: string): boolean {
  if (day > periodEnd(a)) return false;
  if (a.inForce) return doneBy(a.inForce.date, day);
  const known = concludedOn(a);
  return doneBy(known ?? `${a.period.from}-01-01`, day) && `${a.period.from}-01-01` <= day;
}

/**
 * "The current agreement" on `day`: the one in force, or one signed (or agreed) and awaiting entry
 * into force — the newer if both. Undefined in a gap (2019 before April 5; 2020 to August 2021).
 */
export function currentAgreement(kb: Knowledge, now: Date): { agreement: Agreement; state: 'in-force' | 'awaiting' } | undefined {
  const day = isoDay(now);
  const sorted = [...kb.agreements].sort((x, y) => y.number - x.number);
  const awaiting = sorted.find((a) => a.inForce && !doneBy(a.inForce.date, day) && doneBy(concludedOn(a) ?? '9999', day));
  if (awaiting) return { agreement: awaiting, state: 'awaiting' };
  const inForce = sorted.find((a) => inForceOn(a, day));
  return inForce ? { agreement: inForce, state: 'in-force' } : undefined;
}
