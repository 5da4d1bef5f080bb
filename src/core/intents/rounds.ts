/**
 * "How many rounds so far?", "timeline of the talks": the rounds of one negotiation up to the
 * clock's day (all of them once it has concluded), counted and listed.
 */
import { isoDay } from '../format.js';
import { negotiationConcluded, roundsOf, roundsSoFar } from '../timeline.js';
import { asked, countsByPlace, explainedBy, intentSuggestions, loc, tableAnswer, type IntentHandler } from './context.js';
import { agreementName, roundInfo } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

export const roundsIntent: IntentHandler = {
  name: 'rounds',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'rounds')) return null;
    // "How many rounds were held in the US?" counts rounds by where they were held, which this table does not.
    if (countsByPlace(ctx)) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const explainedWords = explainedBy(ctx, 'rounds', { date: 'by' in res && res.by === 'date' });
    const l = loc(ctx);
    const t = l.t.rounds;
    if ('missing' in res) {
      return {
        answer: tableAnswer(ctx, { intent: 'rounds', title: t.missingTitle, text: missingAgreementText(res.missing, ctx), sources: [], found: false }),
        explained: explainedWords,
      };
    }
    const a = res.agreement;
    const day = isoDay(now);
    const concluded = negotiationConcluded(a, now);
    const all = roundsOf(kb, a.id);
    // Rounds after the clock's day are not history yet, whichever way the talks were named.
    const started = roundsSoFar(kb, a.id, now);
    const whole = concluded && started.length === all.length;
    const shown = (whole ? all : started).map((r) => roundInfo(l, r, a.number));
    const items = shown.map(t.item);
    const name = agreementName(l, a);
    let text: string;
    if (!all.length) text = t.none(name);
    else if (!started.length) text = t.notYet(name, day);
    else if (whole) text = t.all(name, all.length, items);
    else text = t.soFar(name, day, started.length, items);
    const unnumbered = shown.filter((r) => r.label);
    if (unnumbered.length) text += t.unofficial(unnumbered);
    return {
      answer: tableAnswer(ctx, {
        intent: 'rounds',
        title: t.title(name),
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
