/**
 * "Who is Seoul's negotiator?": the chief negotiators of one negotiation — by number, by date or
 * year, or the one at the clock — with titles as sourced and who led when, if it changed.
 */
import type { Agreement, Negotiator } from '../../knowledge/schema.js';
import { isoDay } from '../format.js';
import { concludingMilestone, negotiationConcluded } from '../timeline.js';
import { asked, explainedBy, intentSuggestions, loc, sideAsked, tableAnswer, type IntentContext, type IntentHandler, type Side } from './context.js';
import { agreementName, negotiatorInfo } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

export const negotiatorsIntent: IntentHandler = {
  name: 'negotiators',
  detect(ctx) {
    if (!asked(ctx, 'negotiators')) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const words = explainedBy(ctx, 'negotiators', { date: 'by' in res && res.by === 'date' });
    const l = loc(ctx);
    if ('missing' in res)
      return {
        answer: tableAnswer(ctx, { intent: 'negotiators', title: l.t.negotiators.missingTitle, text: missingAgreementText(res.missing, ctx), sources: [], found: false }),
        explained: words,
      };
    const a = res.agreement;
    const side = sideAsked(ctx);
    const { text, sources, named } = describeNegotiators(ctx, a, side ? [side] : ['korea', 'us'], res.by === 'clock' || res.by === 'date');
    return {
      answer: tableAnswer(ctx, {
        intent: 'negotiators',
        title: l.t.negotiators.title(agreementName(l, a)),
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
  const l = loc(ctx);
  const t = l.t.negotiators;
  const name = agreementName(l, a);
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
      parts.push(t.none(side, name));
      continue;
    }
    named = true;
    parts.push(
      t.named(
        side,
        name,
        active.map((n) => negotiatorInfo(l, n)),
        atClock && !concluded,
      ),
    );
    for (const n of active) if (n.note) parts.push(t.note(l.text(n, 'note')!));
  }
  if (atClock && concluded) parts.push(t.ended(concludingMilestone(a)!.date.slice(0, 7)));
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
