/**
 * "What is the source for this?" after an answer: that answer's sources. Without a previous answer
 * the question is about the record as a whole, which a curated fact answers.
 */
import { sourceLine } from '../plainText.js';
import { asked, explainedBy, loc, tableAnswer, type IntentHandler } from './context.js';

export const sourcesIntent: IntentHandler = {
  name: 'sources',
  detect(ctx) {
    const { q, previous } = ctx;
    if (!asked(ctx, 'sources')) return null;
    const words = explainedBy(ctx, 'sources');
    // "Source for the $33bn figure?" names a subject, and with no answer before it "where does
    // your information come from?" is about the record as a whole: both are questions for the facts.
    if (q.content.some((t) => !words.has(t)) || !(previous?.matched && previous.sources.length)) return null;
    const t = loc(ctx).t.sources;
    const answer = tableAnswer(ctx, { intent: 'sources', title: t.title(previous.title), text: '', sources: previous.sources.map((s) => s.id) });
    // The sources as this answer cites them (publishers in its language), in the previous answer's order.
    const text = t.text(answer.sources.map((s) => sourceLine(s, ctx.lang)));
    return {
      answer: { ...answer, text, factIds: previous.factIds },
      explained: words,
    };
  },
};
