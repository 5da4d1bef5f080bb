/**
 * Which negotiation or agreement a question means: an explicit number ("the 11th SMA"), a year
 * ("the 2018 talks"), or else the clock ("the current talks", "the negotiators").
 */
import type { Agreement } from '../../knowledge/schema.js';
import { agreementByNumber, agreementCovering, negotiationAt, roundsOf, talksSpan } from '../timeline.js';
import { ordinal } from '../format.js';
import { agreementNumber, type IntentContext } from './context.js';

export type Resolution = { agreement: Agreement; by: 'number' | 'year' | 'clock' } | { missing: number };

/** "The 11th SMA": that agreement, or a note that the record has no such number. */
function byNumber(ctx: IntentContext): Resolution | undefined {
  const n = agreementNumber(ctx.q, ctx.kb);
  if (n === undefined) return undefined;
  const a = agreementByNumber(ctx.kb, n);
  return a ? { agreement: a, by: 'number' } : { missing: n };
}

/** The negotiation asked about: by number, by a year its talks ran in, or the one at the clock. */
export function resolveNegotiation(ctx: IntentContext): Resolution | undefined {
  const numbered = byNumber(ctx);
  if (numbered) return numbered;
  for (const year of ctx.q.years) {
    const byRounds = ctx.kb.agreements.find((a) => roundsOf(ctx.kb, a.id).some((r) => r.start.startsWith(String(year))));
    if (byRounds) return { agreement: byRounds, by: 'year' };
    const bySpan = ctx.kb.agreements.find((a) => {
      const s = talksSpan(ctx.kb, a);
      return s && s.from.slice(0, 4) <= String(year) && String(year) <= (s.to ?? s.from).slice(0, 4);
    });
    if (bySpan) return { agreement: bySpan, by: 'year' };
  }
  const a = negotiationAt(ctx.kb, ctx.now);
  return a ? { agreement: a, by: 'clock' } : undefined;
}

/** The agreement asked about: by number, by a year it covers, or the one covering the clock's year. */
export function resolveAgreement(ctx: IntentContext): Resolution | undefined {
  const numbered = byNumber(ctx);
  if (numbered) return numbered;
  for (const year of ctx.q.years) {
    const a = agreementCovering(ctx.kb, year);
    if (a) return { agreement: a, by: 'year' };
  }
  const year = ctx.now.getUTCFullYear();
  if (/\b(previous|last|old|prior|expiring|expired)\b/.test(ctx.q.text)) {
    const current = agreementCovering(ctx.kb, year);
    const prev = current && agreementByNumber(ctx.kb, current.number - 1);
    if (prev) return { agreement: prev, by: 'clock' };
  }
  if (/\b(next|new|upcoming)\b/.test(ctx.q.text)) {
    const current = agreementCovering(ctx.kb, year);
    const next = current && agreementByNumber(ctx.kb, current.number + 1);
    if (next) return { agreement: next, by: 'clock' };
  }
  const a = agreementCovering(ctx.kb, year) ?? [...ctx.kb.agreements].sort((x, y) => y.period.to - x.period.to).find((x) => x.period.to < year);
  return a ? { agreement: a, by: 'clock' } : undefined;
}

export function missingAgreementText(n: number, ctx: IntentContext): string {
  const numbers = ctx.kb.agreements.map((a) => a.number).sort((x, y) => x - y);
  return `The record has no ${ordinal(n)} SMA: it covers the ${ordinal(numbers[0] ?? 1)} to the ${ordinal(numbers[numbers.length - 1] ?? 1)} agreements.`;
}
