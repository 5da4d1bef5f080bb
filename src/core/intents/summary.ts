/**
 * "What is the latest status?": where things stand at the clock's day, assembled from the
 * tables — the agreement covering this year, the negotiation and its latest round, the next round.
 */
import { formatDate, formatRange, isoDay } from '../format.js';
import { agreementCovering, latestRound, negotiationAt, negotiationConcluded, nextRound, roundsSoFar } from '../timeline.js';
import { explained, latestFullDate, has, INTENT_QUESTIONS, tableAnswer, type IntentHandler, vocabulary } from './context.js';
import { agreementName, periodText, roundName } from './describe.js';

const TRIGGER = /\b(status|summary|summarise|summarize|overview|state of play|where (do|does|are) (things|the talks|it|we) stand|what is happening|what is new|latest news|news|update|updates|latest|current situation|situation|recap|tldr|tl dr)\b/;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['status', 'summary', 'overview', 'latest', 'news', 'update', 'situation', 'current', 'happen', 'new', 'stand', 'play', 'state', 'recap', 'thing', 'where']);

export const summaryIntent: IntentHandler = {
  name: 'summary',
  detect(ctx) {
    const { q, kb, now } = ctx;
    // "Status of Forces Agreement" (SOFA) is a treaty, not a request for the status.
    if (!TRIGGER.test(q.text.replace(/\bstatus of forces\b/g, 'sofa'))) return null;
    if (has(q, 'round') && /\b(latest|last)\b/.test(q.text) && !/\b(status|summary|news|update)\b/.test(q.text)) return null;
    const day = isoDay(now);
    const year = now.getUTCFullYear();
    const parts: string[] = [];
    const sources = new Set<string>();
    const inForce = agreementCovering(kb, year);
    if (inForce) {
      const since = inForce.inForce && inForce.inForce.date <= day ? `, in force since ${formatDate(inForce.inForce.date)}` : inForce.inForce ? `, entering into force on ${formatDate(inForce.inForce.date)}` : '';
      parts.push(`The ${agreementName(inForce)} (${periodText(inForce)}) covers ${year}${since}.`);
      (inForce.inForce?.sources ?? inForce.sources).forEach((s) => sources.add(s));
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
    const next = nextRound(kb, now);
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
        suggestions: [{ question: INTENT_QUESTIONS.nextRound }, { question: INTENT_QUESTIONS.contribution }, { question: INTENT_QUESTIONS.negotiators }],
      }),
      explained: explained(q, VOCABULARY),
    };
  },
};
