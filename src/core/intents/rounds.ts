/**
 * "How many rounds so far?", "timeline of the talks": the rounds of one negotiation up to the
 * clock's day (all of them once it has concluded), counted and listed.
 */
import { formatDate, formatRange, isoDay } from '../format.js';
import { negotiationConcluded, roundsOf, roundsSoFar } from '../timeline.js';
import { explained, has, INTENT_QUESTIONS, tableAnswer, type IntentHandler, vocabulary } from './context.js';
import { agreementName } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

const LIST_WORDS = /\b(how many|number of|so far|all|list|timeline|chronology|history|count|total|overview|every)\b/;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['round', 'timeline', 'chronology', 'history', 'list', 'number', 'count', 'total', 'held', 'far', 'current', 'ongoing', 'overview', 'every', 'negotiation']);

export const roundsIntent: IntentHandler = {
  name: 'rounds',
  detect(ctx) {
    const { q, kb, now } = ctx;
    const asksList = (has(q, 'round') && LIST_WORDS.test(q.text)) || /\b(timeline|chronology)\b/.test(q.text);
    if (!asksList) return null;
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    const explainedWords = explained(q, VOCABULARY);
    if ('missing' in res) {
      return { answer: tableAnswer(ctx, { intent: 'rounds', title: 'Rounds of talks', text: missingAgreementText(res.missing, ctx), sources: [] }), explained: explainedWords };
    }
    const a = res.agreement;
    const day = isoDay(now);
    const concluded = negotiationConcluded(a, now);
    const all = roundsOf(kb, a.id);
    const rounds = concluded || res.by !== 'clock' ? all : roundsSoFar(kb, a.id, now);
    const shown = concluded || res.by !== 'clock' ? all : rounds;
    const items = shown.map((r) => `${r.label ? r.label : r.round}: ${formatRange(r.start, r.end)}, ${r.place}`);
    const name = `${agreementName(a)} talks`;
    let text: string;
    if (!all.length) text = `The record lists no individual rounds for the ${name}.`;
    else if (!rounds.length) text = `The ${name} had held no round by ${formatDate(day)}; the first was ${items[0]}.`;
    else if (concluded || res.by !== 'clock') text = `The ${name} had ${all.length} rounds in the record: ${items.join('; ')}.`;
    else text = `As of ${formatDate(day)}, the ${name} have had ${rounds.length} round${rounds.length > 1 ? 's' : ''} so far: ${items.join('; ')}.`;
    const unnumbered = all.filter((r) => r.label);
    if (unnumbered.length) text += ` Numbering of ${unnumbered.map((r) => r.label).join(', ')} is not official.`;
    return {
      answer: tableAnswer(ctx, {
        intent: 'rounds',
        title: `Rounds of the ${name}`,
        text,
        sources: shown.flatMap((r) => r.sources),
        suggestions: [{ question: INTENT_QUESTIONS.nextRound }, { question: INTENT_QUESTIONS.latestRound }, { question: INTENT_QUESTIONS.negotiators }],
      }),
      explained: explainedWords,
    };
  },
};
