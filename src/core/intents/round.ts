/** "Where was round 4 of the 2018 talks?": one round of one negotiation, by its number. */
import { roundsOf } from '../timeline.js';
import { explained, INTENT_QUESTIONS, roundNumber, tableAnswer, type IntentHandler } from './context.js';
import { agreementName, describeRound } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

export const roundIntent: IntentHandler = {
  name: 'round',
  detect(ctx) {
    const { q, kb } = ctx;
    const n = roundNumber(q);
    if (n === undefined) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const words = explained(q, ['round', 'held', 'place', 'date', 'start', 'end', 'happen', 'outcome', 'result', 'venue', 'city', 'location', 'talks', 'negotiation', 'year', 'discuss', 'last', 'begin', 'began', 'took', 'take']);
    if ('missing' in res) {
      return { answer: tableAnswer(ctx, { intent: 'round', title: `Round ${n}`, text: missingAgreementText(res.missing, ctx), sources: [] }), explained: words };
    }
    const a = res.agreement;
    const rounds = roundsOf(kb, a.id);
    const r = rounds.find((x) => x.round === n);
    const text = r
      ? describeRound(r, a.number)
      : `The record lists ${rounds.length} round${rounds.length === 1 ? '' : 's'} for the ${agreementName(a)} talks, so there is no round ${n}.`;
    const others = [n - 1, n + 1].filter((k) => rounds.some((x) => x.round === k));
    return {
      answer: tableAnswer(ctx, {
        intent: 'round',
        title: `Round ${n} of the ${agreementName(a)} talks`,
        text,
        sources: r?.sources ?? rounds.flatMap((x) => x.sources).slice(0, 3),
        suggestions: [
          ...others.map((k) => ({ question: `Where was round ${k} of the ${agreementName(a)} talks?` })),
          { question: INTENT_QUESTIONS.rounds },
        ].slice(0, 3),
      }),
      explained: words,
    };
  },
};
