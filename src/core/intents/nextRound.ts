/**
 * "When is the next round?": the first round after the clock's day, from rounds.yaml, given as
 * scheduled (its outcome is not known at that day). A round of talks not yet begun, or too far
 * off to have been announced, is not known at that day. When none is, it says so plainly and gives
 * the last round and the agreement in force instead.
 */
import { isoDay } from '../format.js';
import { currentAgreement, latestRound, negotiationAt, negotiationConcluded, roundInProgress, scheduledRound } from '../timeline.js';
import { asked, canonical, explainedBy, intentSuggestions, latestFullDate, loc, tableAnswer, type IntentHandler } from './context.js';
import { agreementName, periodText, roundInfo } from './describe.js';

export const nextRoundIntent: IntentHandler = {
  name: 'next-round',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'next-round')) return null;
    const number = (id: string) => kb.agreements.find((a) => a.id === id)?.number;
    const day = isoDay(now);
    const l = loc(ctx);
    const t = l.t.nextRound;
    const parts: string[] = [];
    const sources = new Set<string>();
    // "No round is scheduled" is true as of the newest source in the whole record, not of the rows cited.
    let asOf: string | undefined;
    const running = roundInProgress(kb, now);
    if (running) {
      parts.push(t.underway(day, roundInfo(l, running, number(running.agreement), day)));
      running.sources.forEach((s) => sources.add(s));
    }
    const next = scheduledRound(kb, now);
    if (next) {
      parts.push(t.next(day, roundInfo(l, next, number(next.agreement), day)));
      next.sources.forEach((s) => sources.add(s));
    } else if (!running) {
      const recordDate = latestFullDate(kb);
      const talks = negotiationAt(kb, now);
      const under = talks && !negotiationConcluded(talks, now) ? t.talksUnderway(agreementName(l, talks)) : '';
      // Before the record's newest source, "no round" is history; after it, it is the record's limit.
      if (recordDate && day < recordDate) {
        asOf = day;
        parts.push(t.noneYet(day, under));
      } else {
        asOf = recordDate;
        parts.push(t.none(recordDate, under));
      }
      const last = latestRound(kb, now);
      if (last) {
        parts.push(t.last(roundInfo(l, last, number(last.agreement), day)));
        last.sources.forEach((s) => sources.add(s));
      }
      const current = currentAgreement(kb, now);
      if (current) {
        parts.push(t.current(agreementName(l, current.agreement), periodText(l, current.agreement), current.state === 'in-force'));
        (current.agreement.inForce?.sources ?? current.agreement.sources).forEach((s) => sources.add(s));
      }
    }
    return {
      answer: tableAnswer(ctx, {
        intent: 'next-round',
        title: canonical(ctx, 'next-round'),
        text: parts.join(' '),
        sources,
        asOf,
        suggestions: intentSuggestions(ctx, 'latest-round', 'rounds', 'summary'),
      }),
      explained: explainedBy(ctx, 'next-round'),
    };
  },
};
