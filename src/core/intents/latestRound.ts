/** "What happened in the latest round?": the most recent round that had started by the clock's day. */
import { formatDate, isoDay } from '../format.js';
import { latestRound } from '../timeline.js';
import { explained, has, INTENT_QUESTIONS, tableAnswer, type IntentHandler, vocabulary } from './context.js';
import { describeRound, lowerFirst } from './describe.js';

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['round', 'latest', 'last', 'recent', 'previous', 'final', 'happen', 'happened', 'outcome', 'result', 'held', 'when', 'where']);

export const latestRoundIntent: IntentHandler = {
  name: 'latest-round',
  detect(ctx) {
    const { q, kb, now } = ctx;
    if (!has(q, 'round') || !/\b(latest|last|most recent|recent|previous|final)\b/.test(q.text)) return null;
    if (/\blast year\b/.test(q.text)) return null;
    const r = latestRound(kb, now);
    const text = r
      ? `As of ${formatDate(isoDay(now))}, the latest round was ${lowerFirst(describeRound(r, kb.agreements.find((a) => a.id === r.agreement)?.number))}`
      : `No round had been held by ${formatDate(isoDay(now))} in the record.`;
    return {
      answer: tableAnswer(ctx, {
        intent: 'latest-round',
        title: INTENT_QUESTIONS.latestRound,
        text,
        sources: r?.sources ?? [],
        suggestions: [{ question: INTENT_QUESTIONS.nextRound }, { question: INTENT_QUESTIONS.rounds }, { question: INTENT_QUESTIONS.summary }],
      }),
      explained: explained(q, VOCABULARY),
    };
  },
};
