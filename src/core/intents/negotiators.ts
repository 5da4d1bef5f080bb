/**
 * "Who is Seoul's negotiator?": the chief negotiators of one negotiation — by number, by date or
 * year, or the one at the clock — with titles as sourced and who led when, if it changed.
 */
import type { Agreement, Negotiator } from '../../knowledge/schema.js';
import { formatDate, isoDay, listing } from '../format.js';
import { negotiationConcluded } from '../timeline.js';
import { asked, explainedBy, intentSuggestions, sideAsked, tableAnswer, type IntentContext, type IntentHandler, type Side } from './context.js';
import { agreementName, negotiatorText } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

const SIDE_NAMES = { korea: 'South Korea', us: 'the United States' } as const;

export const negotiatorsIntent: IntentHandler = {
  name: 'negotiators',
  detect(ctx) {
    if (!asked(ctx, 'negotiators')) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const words = explainedBy(ctx, 'negotiators', { date: 'by' in res && res.by === 'date' });
    if ('missing' in res) return { answer: tableAnswer(ctx, { intent: 'negotiators', title: 'Negotiators', text: missingAgreementText(res.missing, ctx), sources: [], found: false }), explained: words };
    const a = res.agreement;
    const side = sideAsked(ctx);
    const { text, sources, named } = describeNegotiators(ctx, a, side ? [side] : ['korea', 'us'], res.by === 'clock' || res.by === 'date');
    return {
      answer: tableAnswer(ctx, {
        intent: 'negotiators',
        title: `Negotiators of the ${agreementName(a)}`,
        text,
        sources,
        found: named,
        about: { agreement: a.number, ...(side ? { side } : {}) },
        suggestions: intentSuggestions(ctx, 'next-round', 'rounds', 'summary'),
      }),
      explained: words,
    };
  },
};

function describeNegotiators(ctx: IntentContext, a: Agreement, sides: Side[], atClock: boolean): { text: string; sources: string[]; named: boolean } {
  const day = isoDay(ctx.now);
  const sources = new Set<string>();
  const parts: string[] = [];
  const concluded = negotiationConcluded(a, ctx.now);
  let named = false;
  for (const side of sides) {
    const all = a.negotiators.filter((n) => n.side === side);
    // At the clock, only who led on that day (or last led, once the talks ended).
    const active = atClock ? pickAt(all, day) : all;
    active.forEach((n) => n.sources.forEach((s) => sources.add(s)));
    if (!active.length) {
      parts.push(`The record names no negotiator for ${SIDE_NAMES[side]} in the ${agreementName(a)} talks.`);
      continue;
    }
    named = true;
    const plural = active.length > 1;
    const verb = atClock && !concluded ? (plural ? 'are' : 'is') : plural ? 'were' : 'was';
    parts.push(`${side === 'korea' ? "South Korea's" : "The United States'"} negotiator${plural ? 's' : ''} in the ${agreementName(a)} talks ${verb} ${listing(active.map(negotiatorText))}.`);
    for (const n of active) if (n.note) parts.push(n.note.trim().replace(/([^.])$/, '$1.'));
  }
  if (atClock && concluded) parts.push(`Those talks ended in ${formatDate((a.agreed ?? a.initialed ?? a.signed)!.date.slice(0, 7))}.`);
  return { text: parts.join(' '), sources: [...sources], named };
}

/** Negotiators leading on `day`; if none (talks over, or not yet begun), the last (or first) to lead. */
function pickAt(all: Negotiator[], day: string): Negotiator[] {
  const leading = all.filter((n) => (!n.from || n.from <= day) && (!n.to || n.to >= day));
  if (leading.length) return leading;
  const started = all.filter((n) => !n.from || n.from <= day);
  if (started.length) return started.slice(-1);
  return all.slice(0, 1);
}
