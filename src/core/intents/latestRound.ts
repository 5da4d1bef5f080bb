/** "What happened in the latest round?": the most recent round that had started by the clock's day. */
import { isoDay } from '../format.js';
import { latestRound } from '../timeline.js';
import { asked, canonical, explainedBy, intentSuggestions, loc, tableAnswer, type IntentHandler } from './context.js';
import { roundInfo } from './describe.js';

export const latestRoundIntent: IntentHandler = {
  name: 'latest-round',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'latest-round') || ctx.slots.round !== undefined) return null;
    const day = isoDay(now);
    const r = latestRound(kb, now);
    const l = loc(ctx);
    const text = r ? l.t.latestRound.text(day, roundInfo(l, r, kb.agreements.find((a) => a.id === r.agreement)?.number, day)) : l.t.latestRound.none(day);
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
