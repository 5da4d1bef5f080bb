/** "What happened in the latest round?": the most recent round that had started by the clock's day. */
import { formatDate, isoDay } from '../format.js';
import { latestRound } from '../timeline.js';
import { asked, canonical, explainedBy, intentSuggestions, tableAnswer, type IntentHandler } from './context.js';
import { describeRound, lowerFirst } from './describe.js';

export const latestRoundIntent: IntentHandler = {
  name: 'latest-round',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'latest-round') || ctx.slots.round !== undefined) return null;
    const day = isoDay(now);
    const r = latestRound(kb, now);
    const text = r
      ? `As of ${formatDate(day)}, the latest round was ${lowerFirst(describeRound(r, kb.agreements.find((a) => a.id === r.agreement)?.number, day))}`
      : `No round had been held by ${formatDate(day)} in the record.`;
    return {
      answer: tableAnswer(ctx, {
        intent: 'latest-round',
        title: canonical(ctx, 'latest-round'),
        text,
        sources: r?.sources ?? [],
        found: !!r,
        suggestions: intentSuggestions(ctx, 'next-round', 'rounds', 'summary'),
      }),
      explained: explainedBy(ctx, 'latest-round'),
    };
  },
};
