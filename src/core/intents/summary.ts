/**
 * "What is the latest status?": where things stand at the clock's day, assembled from the
 * tables — the agreement covering this year, the negotiation and its latest round, the next round.
 */
import { isoDay } from '../format.js';
import { concludingMilestone, currentAgreement, latestRound, negotiationAt, negotiationConcluded, roundsSoFar, scheduledRound } from '../timeline.js';
import { asked, explainedBy, intentSuggestions, latestFullDate, loc, tableAnswer, type IntentHandler } from './context.js';
import { agreementName, periodText, roundInfo } from './describe.js';

export const summaryIntent: IntentHandler = {
  name: 'summary',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'summary')) return null;
    const day = isoDay(now);
    const l = loc(ctx);
    const t = l.t.summary;
    const parts: string[] = [];
    const sources = new Set<string>();
    const current = currentAgreement(kb, now);
    const inForce = current?.agreement;
    if (current && inForce) {
      parts.push(t.current(agreementName(l, inForce), periodText(l, inForce), current.state, inForce.inForce?.date));
      (inForce.inForce?.sources ?? inForce.sources).forEach((s) => sources.add(s));
    } else {
      parts.push(t.noneInForce(day));
    }
    const talks = negotiationAt(kb, now);
    if (talks && (talks !== inForce || !negotiationConcluded(talks, now))) {
      const held = roundsSoFar(kb, talks.id, now);
      const concluded = negotiationConcluded(talks, now);
      const last = held.length ? roundInfo(l, held[held.length - 1]!, talks.number, day) : undefined;
      if (concluded) {
        parts.push(t.concluded(agreementName(l, talks), concludingMilestone(talks)!.date, held.length, last));
      } else {
        parts.push(t.underway(agreementName(l, talks), held.length, last));
      }
      held.slice(-1).forEach((r) => r.sources.forEach((s) => sources.add(s)));
      talks.sources.forEach((s) => sources.add(s));
    } else if (!talks || negotiationConcluded(talks, now)) {
      const last = latestRound(kb, now);
      if (last) {
        parts.push(t.lastRound(roundInfo(l, last, undefined, day)));
        last.sources.forEach((s) => sources.add(s));
      }
    }
    const next = scheduledRound(kb, now);
    if (next) {
      parts.push(t.next(roundInfo(l, next, undefined, day)));
      next.sources.forEach((s) => sources.add(s));
    } else {
      const recordDate = latestFullDate(kb);
      parts.push(t.noNext(recordDate));
    }
    return {
      answer: tableAnswer(ctx, {
        intent: 'summary',
        title: t.title(day),
        text: parts.join(' '),
        sources,
        // A status is true as of the newest source in the record, whatever rows it cites.
        asOf: next ? undefined : latestFullDate(kb),
        suggestions: intentSuggestions(ctx, 'next-round', 'contribution', 'negotiators'),
      }),
      explained: explainedBy(ctx, 'summary'),
    };
  },
};
