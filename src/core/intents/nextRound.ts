/**
 * "When is the next round?": the first round after the clock's day, from rounds.yaml. When none
 * is recorded, it says so plainly and gives the last round and the agreement in force instead.
 */
import { formatDate, isoDay } from '../format.js';
import { agreementCovering, nextRound, roundInProgress, latestRound } from '../timeline.js';
import { explained, latestFullDate, has, INTENT_QUESTIONS, tableAnswer, type IntentHandler, vocabulary } from './context.js';
import { agreementName, describeRound, lowerFirst, periodText } from './describe.js';

const TRIGGERS = ['next', 'upcoming', 'again', 'resume', 'coming', 'meet', 'meeting', 'sit', 'down', 'when', 'where'];

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary([...TRIGGERS, 'round', 'negotiator', 'date', 'held', 'start', 'place', 'schedul']);

export const nextRoundIntent: IntentHandler = {
  name: 'next-round',
  detect(ctx) {
    const { q, kb, now } = ctx;
    const again = /\b(meet|talk|negotiate|sit down) again\b|\bresume\b/.test(q.text);
    const asksNext = has(q, 'next', 'upcoming') || again;
    if (!asksNext || !(again || has(q, 'round', 'negotiation', 'negotiator') || /\bmeet(ing)?\b/.test(q.text))) return null;
    if (has(q, 'year') || has(q, 'sma', 'agreement', 'deal') && !has(q, 'round')) return null;

    const number = (id: string) => kb.agreements.find((a) => a.id === id)?.number;
    const day = isoDay(now);
    const parts: string[] = [];
    const sources = new Set<string>();
    // "No round is scheduled" is true as of the newest source in the whole record, not of the rows cited.
    let asOf: string | undefined;
    const running = roundInProgress(kb, now);
    if (running) {
      parts.push(`Under way on ${formatDate(day)}: ${describeRound(running, number(running.agreement))}`);
      running.sources.forEach((s) => sources.add(s));
    }
    const next = nextRound(kb, now);
    if (next) {
      parts.push(`The next round after ${formatDate(day)} is ${lowerFirst(describeRound(next, number(next.agreement)))}`);
      next.sources.forEach((s) => sources.add(s));
    } else if (!running) {
      const recordDate = latestFullDate(kb);
      asOf = recordDate;
      parts.push(`No new round of SMA talks has been scheduled in the record${recordDate ? `, whose latest source is dated ${formatDate(recordDate)}` : ''}.`);
      const last = latestRound(kb, now);
      if (last) {
        parts.push(`The last round was ${lowerFirst(describeRound(last, number(last.agreement))).split('. ')[0]}.`);
        last.sources.forEach((s) => sources.add(s));
      }
      const inForce = agreementCovering(kb, now.getUTCFullYear());
      if (inForce) {
        parts.push(`The ${agreementName(inForce)} (${periodText(inForce)}) is the agreement covering ${now.getUTCFullYear()}.`);
        (inForce.inForce?.sources ?? inForce.sources).forEach((s) => sources.add(s));
      }
    }
    return {
      answer: tableAnswer(ctx, {
        intent: 'next-round',
        title: INTENT_QUESTIONS.nextRound,
        text: parts.join(' '),
        sources,
        asOf,
        suggestions: [{ question: INTENT_QUESTIONS.latestRound }, { question: INTENT_QUESTIONS.rounds }, { question: INTENT_QUESTIONS.summary }],
      }),
      explained: explained(q, VOCABULARY),
    };
  },
};
