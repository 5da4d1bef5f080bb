/**
 * "How many rounds so far?", "timeline of the talks": the rounds of one negotiation up to the
 * clock's day (all of them once it has concluded), counted and listed.
 */
import { formatDate, formatRange, isoDay } from '../format.js';
import { negotiationConcluded, roundsOf, roundsSoFar } from '../timeline.js';
import { asked, explainedBy, intentSuggestions, tableAnswer, type IntentHandler } from './context.js';
import { agreementName } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

export const roundsIntent: IntentHandler = {
  name: 'rounds',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'rounds')) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const explainedWords = explainedBy(ctx, 'rounds', { date: 'by' in res && res.by === 'date' });
    if ('missing' in res) {
      return { answer: tableAnswer(ctx, { intent: 'rounds', title: 'Rounds of talks', text: missingAgreementText(res.missing, ctx), sources: [], found: false }), explained: explainedWords };
    }
    const a = res.agreement;
    const day = isoDay(now);
    const concluded = negotiationConcluded(a, now);
    const all = roundsOf(kb, a.id);
    // Rounds after the clock's day are not history yet, whichever way the talks were named.
    const started = roundsSoFar(kb, a.id, now);
    const whole = concluded && started.length === all.length;
    const items = (whole ? all : started).map((r) => `${r.label ? r.label : r.round}: ${formatRange(r.start, r.end)}, ${r.place}`);
    const name = `${agreementName(a)} talks`;
    let text: string;
    if (!all.length) text = `The record lists no individual rounds for the ${name}.`;
    else if (!started.length) text = `The ${name} had held no round by ${formatDate(day)}.`;
    else if (whole) text = `The ${name} had ${all.length} rounds in the record: ${items.join('; ')}.`;
    else text = `As of ${formatDate(day)}, the ${name} have had ${started.length} round${started.length > 1 ? 's' : ''} so far: ${items.join('; ')}.`;
    const unnumbered = (whole ? all : started).filter((r) => r.label);
    if (unnumbered.length) text += ` Numbering of ${unnumbered.map((r) => r.label).join(', ')} is not official.`;
    return {
      answer: tableAnswer(ctx, {
        intent: 'rounds',
        title: `Rounds of the ${name}`,
        text,
        sources: (whole ? all : started).flatMap((r) => r.sources),
        found: all.length > 0 && started.length > 0,
        about: { agreement: a.number },
        suggestions: intentSuggestions(ctx, 'next-round', 'latest-round', 'negotiators'),
      }),
      explained: explainedWords,
    };
  },
};
