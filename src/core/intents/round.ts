/** "Where was round 4 of the 2018 talks?": one round of one negotiation, by its number. */
import type { Knowledge, Round } from '../../knowledge/schema.js';
import { roundsOf } from '../timeline.js';
import { explained, has, INTENT_QUESTIONS, roundNumber, tableAnswer, type IntentHandler, vocabulary } from './context.js';
import { agreementName, describeRound, roundWhenWhere } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

const BEGIN = /\b(begin|began|begun|start|started|open|opened|kick(ed)? off|launch(ed)?)\b/;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['round', 'held', 'place', 'host', 'hosted', 'city', 'where', 'begin', 'began', 'open', 'kick', 'launch', 'date', 'start', 'end', 'happen', 'outcome', 'result', 'venue', 'city', 'location', 'talks', 'negotiation', 'year', 'discuss', 'last', 'begin', 'began', 'took', 'take']);

export const roundIntent: IntentHandler = {
  name: 'round',
  detect(ctx) {
    const { q, kb } = ctx;
    // "Where did the 2018 talks begin?" asks for the first round.
    const n = roundNumber(q, ctx.kb) ?? (has(q, 'negotiation') && BEGIN.test(q.text) ? 1 : undefined);
    if (n === undefined) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const words = explained(q, VOCABULARY);
    if ('missing' in res) {
      return { answer: tableAnswer(ctx, { intent: 'round', title: `Round ${n}`, text: missingAgreementText(res.missing, ctx), sources: [] }), explained: words };
    }
    const a = res.agreement;
    const rounds = roundsOf(kb, a.id);
    const r = rounds.find((x) => x.round === n);
    let text = r
      ? describeRound(r, a.number)
      : `The record lists ${rounds.length} round${rounds.length === 1 ? '' : 's'} for the ${agreementName(a)} talks, so there is no round ${n}.`;
    // Which talks were meant came from the clock, not the question: name the other talks' round N too.
    const others = res.by === 'clock' ? otherRounds(kb, a.id, n) : [];
    if (others.length) text += ` Round ${n} of other talks: ${others.map((o) => `${o.name}, ${roundWhenWhere(o.round)}`).join('; ')}.`;
    const neighbours = [n - 1, n + 1].filter((k) => rounds.some((x) => x.round === k));
    return {
      answer: tableAnswer(ctx, {
        intent: 'round',
        title: `Round ${n} of the ${agreementName(a)} talks`,
        text,
        sources: [...(r?.sources ?? rounds.flatMap((x) => x.sources).slice(0, 3)), ...others.flatMap((o) => o.round.sources.slice(0, 1))],
        suggestions: [
          ...neighbours.map((k) => ({ question: `Where was round ${k} of the ${agreementName(a)} talks?` })),
          { question: INTENT_QUESTIONS.rounds },
        ].slice(0, 3),
      }),
      explained: words,
    };
  },
};

function otherRounds(kb: Knowledge, exceptAgreement: string, n: number): { name: string; round: Round }[] {
  return kb.agreements
    .filter((a) => a.id !== exceptAgreement)
    .sort((x, y) => x.number - y.number)
    .flatMap((a) => {
      const r = roundsOf(kb, a.id).find((x) => x.round === n && !x.label);
      return r ? [{ name: `${agreementName(a)} talks`, round: r }] : [];
    });
}
