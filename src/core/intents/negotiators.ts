/**
 * "Who is Seoul's negotiator?": the chief negotiators of one negotiation — by number, by year,
 * or the one at the clock — with titles as sourced and who led when, if it changed.
 */
import type { Agreement, Negotiator } from '../../knowledge/schema.js';
import { formatDate, isoDay, listing } from '../format.js';
import { negotiationConcluded } from '../timeline.js';
import { agreementNumber, explained, has, INTENT_QUESTIONS, tableAnswer, type IntentContext, type IntentHandler, vocabulary } from './context.js';
import { agreementName, negotiatorText } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

const SIDE_NAMES = { korea: 'South Korea', us: 'the United States' } as const;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['negotiator', 'negotiation', 'chief', 'lead', 'head', 'top', 'current', 'side', 'team', 'now', 'name', 'who', 'korea', 'us', 'represent', 'for']);

export const negotiatorsIntent: IntentHandler = {
  name: 'negotiators',
  detect(ctx) {
    const { q } = ctx;
    const asksWho = has(q, 'negotiator') || /\bwho (leads|led|heads|headed|represents|represented|is leading|was leading)\b/.test(q.text);
    if (!asksWho) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const words = explained(q, VOCABULARY);
    if ('missing' in res) return { answer: tableAnswer(ctx, { intent: 'negotiators', title: 'Negotiators', text: missingAgreementText(res.missing, ctx), sources: [] }), explained: words };
    const a = res.agreement;
    const sides = (['korea', 'us'] as const).filter((s) => has(q, s) || (s === 'us' && has(q, 'washington')));
    const wanted = sides.length === 1 ? sides : (['korea', 'us'] as const);
    const atClock = res.by === 'clock' && agreementNumber(q, ctx.kb) === undefined;
    const { text, sources } = describeNegotiators(ctx, a, [...wanted], atClock);
    return {
      answer: tableAnswer(ctx, {
        intent: 'negotiators',
        title: `Negotiators of the ${agreementName(a)}`,
        text,
        sources,
        suggestions: [{ question: INTENT_QUESTIONS.nextRound }, { question: INTENT_QUESTIONS.rounds }, { question: INTENT_QUESTIONS.summary }],
      }),
      explained: words,
    };
  },
};

function describeNegotiators(ctx: IntentContext, a: Agreement, sides: ('korea' | 'us')[], atClock: boolean): { text: string; sources: string[] } {
  const day = isoDay(ctx.now);
  const sources = new Set<string>();
  const parts: string[] = [];
  const concluded = negotiationConcluded(a, ctx.now);
  for (const side of sides) {
    const all = a.negotiators.filter((n) => n.side === side);
    // At the clock, only who led on that day (or last led, once the talks ended).
    const active = atClock ? pickAt(all, day) : all;
    active.forEach((n) => n.sources.forEach((s) => sources.add(s)));
    if (!active.length) {
      parts.push(`The record names no negotiator for ${SIDE_NAMES[side]} in the ${agreementName(a)} talks.`);
      continue;
    }
    const verb = atClock && !concluded ? (active.length > 1 ? 'are' : 'is') : 'was';
    const who = listing(active.map(negotiatorText));
    parts.push(`${side === 'korea' ? "South Korea's" : "The United States'"} negotiator${active.length > 1 ? 's' : ''} in the ${agreementName(a)} talks ${active.length > 1 ? (verb === 'is' ? 'are' : 'were') : verb} ${who}.`);
    for (const n of active) if (n.note) parts.push(n.note.trim().replace(/([^.])$/, '$1.'));
  }
  if (atClock && concluded) {
    parts.push(`Those talks ended in ${formatDate((a.agreed ?? a.initialed ?? a.signed)!.date.slice(0, 7))}.`);
  }
  return { text: parts.join(' '), sources: [...sources] };
}

/** Negotiators leading on `day`; if none (talks over, or not yet begun), the last (or first) to lead. */
function pickAt(all: Negotiator[], day: string): Negotiator[] {
  const leading = all.filter((n) => (!n.from || n.from <= day) && (!n.to || n.to >= day));
  if (leading.length) return leading;
  const started = all.filter((n) => !n.from || n.from <= day);
  if (started.length) return started.slice(-1);
  return all.slice(0, 1);
}
