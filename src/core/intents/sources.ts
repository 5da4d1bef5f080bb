/**
 * "What is the source for this?": the sources of the previous answer in the conversation, or,
 * with no previous answer, where the record as a whole comes from.
 */
import { formatDate } from '../format.js';
import { explained, has, tableAnswer, type IntentHandler, vocabulary } from './context.js';

const ABOUT_SOURCES = /\b(sources?|cite|citation|citations|reference|references|where (does|did) (this|that|it|the \w+) come from|how do you know|evidence|proof)\b/;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary(['source', 'cite', 'citat', 'refer', 'come', 'know', 'evid', 'proof', 'answer', 'info', 'data', 'bot', 'your', 'you']);

export const sourcesIntent: IntentHandler = {
  name: 'sources',
  detect(ctx) {
    const { q, kb, previous } = ctx;
    if (!ABOUT_SOURCES.test(q.text)) return null;
    const words = explained(q, VOCABULARY);
    // "Source for the $33bn figure?" names a subject: that is a question for the facts.
    if (q.content.some((t) => !words.has(t))) return null;
    if (previous?.matched && previous.sources.length) {
      const list = previous.sources.map((s) => `${s.publisher}, "${s.title}" (${formatDate(s.date)})${s.url ? ` ${s.url}` : ''}`);
      return {
        answer: { ...tableAnswer(ctx, { intent: 'sources', title: `Sources for: ${previous.title}`, text: `That answer rests on: ${list.join('; ')}.`, sources: previous.sources.map((s) => s.id) }), factIds: previous.factIds },
        explained: words,
      };
    }
    const counts = new Map<string, number>();
    for (const s of kb.sources) counts.set(s.publisher, (counts.get(s.publisher) ?? 0) + 1);
    const top = [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([p]) => p);
    const text = `Every answer comes from a curated record of ${kb.sources.length} published sources — news reports and government documents such as ${top.join(', ')} — and lists its own sources and as-of date. Ask a question and then "what is the source for this?" to see the sources of that answer.`;
    const sample = kb.sources.filter((s) => top.slice(0, 3).includes(s.publisher)).slice(0, 3).map((s) => s.id);
    return { answer: tableAnswer(ctx, { intent: 'sources', title: 'Where the answers come from', text, sources: sample }), explained: words };
  },
};
