/**
 * "What is the latest status?": where things stand at the clock's day, assembled from the
 * tables — the agreement covering this year, the negotiation and its latest round, the next round.
 */
import { formatDate, formatRange, isoDay } from '../format.js';
import { currentAgreement, latestRound, negotiationAt, negotiationConcluded, roundsSoFar, scheduledRound } from '../timeline.js';
import { asked, explainedBy, intentSuggestions, latestFullDate, tableAnswer, type IntentHandler } from './context.js';
import { agreementName, periodText, roundName } from './describe.js';

export const summaryIntent: IntentHandler = {
  name: 'summary',
  detect(ctx) {
    const { kb, now } = ctx;
    if (!asked(ctx, 'summary')) return null;
    const day = isoDay(now);
    const parts: string[] = [];
    const sources = new Set<string>();
    const current = currentAgreement(kb, now);
    const inForce = current?.agreement;
    if (current && inForce) {
      const since = current.state === 'in-force' ? (inForce.inForce ? `, in force since ${formatDate(inForce.inForce.date)}` : ', in force') : ', concluded and awaiting entry into force';
      parts.push(`The ${agreementName(inForce)} (${periodText(inForce)}) is the current agreement${since}.`);
      (inForce.inForce?.sources ?? inForce.sources).forEach((s) => sources.add(s));
    } else {
      parts.push(`No SMA is in force on ${formatDate(day)}.`);
    }
    const talks = negotiationAt(kb, now);
    if (talks && (talks !== inForce || !negotiationConcluded(talks, now))) {
      const held = roundsSoFar(kb, talks.id, now);
      const concluded = negotiationConcluded(talks, now);
      const last = held[held.length - 1];
      const lastText = last ? `; the latest was round ${last.round} (${formatRange(last.start, last.end)}, ${last.place})` : '';
      if (concluded) {
        const end = talks.agreed ?? talks.initialed ?? talks.signed;
        parts.push(`Talks on the ${agreementName(talks)} ended with a deal on ${formatDate(end!.date)} after ${held.length} rounds${lastText}.`);
      } else {
        parts.push(`Talks on the ${agreementName(talks)} are under way: ${held.length} round${held.length === 1 ? '' : 's'} so far${lastText}.`);
      }
      held.slice(-1).forEach((r) => r.sources.forEach((s) => sources.add(s)));
      talks.sources.forEach((s) => sources.add(s));
    } else if (!talks || negotiationConcluded(talks, now)) {
      const last = latestRound(kb, now);
      if (last) {
        parts.push(`The last round of talks was held ${formatRange(last.start, last.end)} in ${last.place}.`);
        last.sources.forEach((s) => sources.add(s));
      }
    }
    const next = scheduledRound(kb, now);
    if (next) {
      parts.push(`Next: ${roundName(next, undefined)}, ${formatRange(next.start, next.end)}, ${next.place}.`);
      next.sources.forEach((s) => sources.add(s));
    } else {
      const recordDate = latestFullDate(kb);
      parts.push(`No new round of talks is scheduled in the record${recordDate ? ` (latest source: ${formatDate(recordDate)})` : ''}.`);
    }
    return {
      answer: tableAnswer(ctx, {
        intent: 'summary',
        title: `Status as of ${formatDate(day)}`,
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
