/**
 * "What is the source for this?" after an answer: that answer's sources. Without a previous answer
 * the question is about the record as a whole, which a curated fact answers.
 */
import { sourceLine } from '../plainText.js';
import { explained, tableAnswer, type IntentHandler, vocabulary } from './context.js';

const ABOUT_SOURCES = /\b(sources?|cite|citation|citations|reference|references|where (does|did) (this|that|it|the \w+) come from|(information|info|data|answers?|facts?) come from|(where|how) (do|does|did) (you|this bot|the bot|it|this|sma bot|sma) (get|find|source|know)|how do you know|evidence|proof)\b/;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['source', 'cite', 'citat', 'refer', 'come', 'know', 'evid', 'proof', 'answer', 'info', 'information', 'data', 'bot', 'your', 'you', 'get', 'find', 'fact', 'this', 'that', 'these', 'those', 'it', 'for', 'what', 'where']);

export const sourcesIntent: IntentHandler = {
  name: 'sources',
  detect(ctx) {
    const { q, previous } = ctx;
    if (!ABOUT_SOURCES.test(q.text)) return null;
    const words = explained(q, VOCABULARY);
    // "Source for the $33bn figure?" names a subject, and with no answer before it "where does
    // your information come from?" is about the record as a whole: both are questions for the facts.
    if (q.content.some((t) => !words.has(t)) || !(previous?.matched && previous.sources.length)) return null;
    const list = previous.sources.map(sourceLine);
    return {
      answer: { ...tableAnswer(ctx, { intent: 'sources', title: `Sources for: ${previous.title}`, text: `That answer rests on: ${list.join('; ')}.`, sources: previous.sources.map((s) => s.id) }), factIds: previous.factIds },
      explained: words,
    };
  },
};
