/**
 * "What happened in the latest round?": the most recent round that had started by the clock's day;
 * "the final round of the 10th SMA talks": that negotiation's last round by then.
 */
import { isoDay } from '../format.js';
import { agreementByNumber, latestRound, roundsOf } from '../timeline.js';
import { asked, canonical, explainedBy, intentSuggestions, loc, tableAnswer, type IntentHandler } from './context.js';
import { agreementName, roundInfo } from './describe.js';

export const latestRoundIntent: IntentHandler = {
  name: 'latest-round',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'latest-round') || ctx.slots.round !== undefined) return null;
    const day = isoDay(now);
    const l = loc(ctx);
    const named = ctx.slots.agreement !== undefined ? agreementByNumber(kb, ctx.slots.agreement) : undefined;
    if (ctx.slots.agreement !== undefined && !named) return null;
    const r = named
      ? roundsOf(kb, named.id)
          .filter((x) => x.start <= day && x.status !== 'cancelled')
          .at(-1)
      : latestRound(kb, now);
    const info = r && roundInfo(l, r, kb.agreements.find((a) => a.id === r.agreement)?.number, day);
    const text = named
      ? info
        ? l.t.latestRound.lastOf(agreementName(l, named), info)
        : l.t.latestRound.noneOf(agreementName(l, named), day)
      : info
        ? l.t.latestRound.text(day, info)
        : l.t.latestRound.none(day);
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
