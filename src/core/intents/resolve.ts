/**
 * Which negotiation or agreement a question means: an explicit number ("the 11th SMA"), a date
 * ("yesterday's agreement", "the talks last week"), a year ("the 2018 talks"), or else the clock
 * ("the current deal", "the previous agreement", "the negotiators").
 */
import { MILESTONE_KEYS, type MilestoneKey } from '../../knowledge/milestones.js';
import type { Agreement } from '../../knowledge/schema.js';
import { overlaps, within } from '../understand/dates.js';
import { isoDay } from '../format.js';
import { agreementByNumber, agreementCovering, concludedOn, currentAgreement, doneBy, negotiationAt, roundsOf, talksSpan } from '../timeline.js';
import { aspects, has, loc, type IntentContext } from './context.js';

export type Resolution = { agreement: Agreement; by: 'number' | 'date' | 'year' | 'clock' } | { missing: number };

/** "The 11th SMA": that agreement, or a note that the record has no such number. */
function byNumber(ctx: IntentContext): Resolution | undefined {
  const n = ctx.slots.agreement;
  if (n === undefined) return undefined;
  const a = agreementByNumber(ctx.kb, n);
  return a ? { agreement: a, by: 'number' } : { missing: n };
}

function years(ctx: IntentContext): number[] {
  return ctx.slots.year !== undefined ? [ctx.slots.year] : ctx.q.years;
}

/** The negotiation asked about: by number, by a date or year its talks ran in, or the one at the clock. */
export function resolveNegotiation(ctx: IntentContext): Resolution | undefined {
  const numbered = byNumber(ctx);
  if (numbered) return numbered;
  for (const range of ctx.slots.dates) {
    const a = ctx.kb.agreements.find((x) => roundsOf(ctx.kb, x.id).some((r) => overlaps(r.start, r.end ?? r.start, range)));
    if (a) return { agreement: a, by: 'date' };
  }
  for (const year of years(ctx)) {
    const byRounds = ctx.kb.agreements.find((a) => roundsOf(ctx.kb, a.id).some((r) => r.start.startsWith(String(year))));
    if (byRounds) return { agreement: byRounds, by: 'year' };
    const bySpan = ctx.kb.agreements.find((a) => {
      const s = talksSpan(ctx.kb, a);
      return s && s.from.slice(0, 4) <= String(year) && String(year) <= (s.to ?? s.from).slice(0, 4);
    });
    if (bySpan) return { agreement: bySpan, by: 'year' };
    // "The 2014 SMA": no talks that year, so the agreement covering it (its talks came before).
    const covering = agreementCovering(ctx.kb, year);
    if (covering) return { agreement: covering, by: 'year' };
  }
  const a = negotiationAt(ctx.kb, ctx.now);
  return a ? { agreement: a, by: 'clock' } : undefined;
}

/** The agreement asked about: by number, by a dated milestone, by a year it covers, or by the clock. */
export function resolveAgreement(ctx: IntentContext): Resolution | undefined {
  const numbered = byNumber(ctx);
  if (numbered) return numbered;
  for (const range of ctx.slots.dates) {
    const a = ctx.kb.agreements.find((x) => MILESTONE_KEYS.some((k) => x[k] && within(x[k].date, range)));
    if (a) return { agreement: a, by: 'date' };
  }
  // "The deal reached last year", "작년에 타결된 협정": a milestone asked with a year names the
  // agreement that reached it then (unless the question asks when it did: "when was the 2024 deal signed?").
  const reached = has(ctx, 'when') ? [] : [...aspects(ctx, 'agreement')].filter((k): k is MilestoneKey => (MILESTONE_KEYS as readonly string[]).includes(k));
  for (const year of years(ctx)) {
    const a = ctx.kb.agreements.find((x) => reached.some((k) => x[k]?.date.startsWith(String(year))));
    if (a) return { agreement: a, by: 'year' };
  }
  for (const year of years(ctx)) {
    const a = agreementCovering(ctx.kb, year);
    if (a) return { agreement: a, by: 'year' };
  }
  // "Did they reach a deal yet?": the talks under way, while there are any.
  if (has(ctx, 'yet')) {
    const talks = negotiationAt(ctx.kb, ctx.now);
    const concluded = talks && concludedOn(talks);
    if (talks && !(concluded && doneBy(concluded, isoDay(ctx.now)))) return { agreement: talks, by: 'clock' };
  }
  const current = currentAgreement(ctx.kb, ctx.now)?.agreement;
  // Without one in force (a gap), "previous" and "next" count from the one that lapsed last.
  const base = current ?? latestLapsed(ctx);
  if (has(ctx, 'previous', 'old') && base) {
    const prev = agreementByNumber(ctx.kb, base.number - (current ? 1 : 0));
    if (prev) return { agreement: prev, by: 'clock' };
  }
  if (has(ctx, 'next', 'new', 'upcoming') && base) {
    const next = agreementByNumber(ctx.kb, base.number + 1);
    if (next) return { agreement: next, by: 'clock' };
  }
  const a = current ?? base;
  return a ? { agreement: a, by: 'clock' } : undefined;
}

/** The newest agreement whose period ended before the clock's year. */
function latestLapsed(ctx: IntentContext): Agreement | undefined {
  const year = ctx.now.getUTCFullYear();
  return [...ctx.kb.agreements].sort((x, y) => y.period.to - x.period.to).find((x) => x.period.to < year) ?? negotiationAt(ctx.kb, ctx.now);
}

export function missingAgreementText(n: number, ctx: IntentContext): string {
  const numbers = ctx.kb.agreements.map((a) => a.number).sort((x, y) => x - y);
  return loc(ctx).t.agreement.missing(n, numbers[0] ?? 1, numbers[numbers.length - 1] ?? 1);
}
