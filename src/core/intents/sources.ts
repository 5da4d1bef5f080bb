/**
 * "What is the source for this?" after an answer: that answer's sources. Without a previous answer
 * the question is about the record as a whole, which a curated fact answers.
 */
import { sourceLine } from '../plainText.js';
import { asked, explainedBy, tableAnswer, type IntentHandler } from './context.js';

export const sourcesIntent: IntentHandler = {
  name: 'sources',
  detect(ctx) {
    const { q, previous } = ctx;
    if (!asked(ctx, 'sources')) return null;
    const words = explainedBy(ctx, 'sources');
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
