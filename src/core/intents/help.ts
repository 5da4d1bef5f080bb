/**
 * Help and greetings: what the bot can answer, with examples. Not answers from the record, so
 * `matched` is false. A message is help only when all its words are help or greeting words.
 */
import type { Answer } from '../answer.js';
import { aspects, asked, canonical, intentSuggestions, spec, type IntentContext, type IntentHandler } from './context.js';

export const HELP_TEXT =
  'I answer questions about the South Korea–US defense cost-sharing talks (the Special Measures Agreement, SMA), from a curated, sourced record. ' +
  'Try: "When is the next round?", "How much does Korea pay this year?", "Who negotiated the 12th SMA?", "When was the 10th SMA ratified?", ' +
  '"What happened when the talks broke down in 2020?", "What has Trump demanded?". Every answer shows its sources and the date it is true at.';

function info(ctx: IntentContext, greeting: boolean): Answer {
  return {
    kind: 'answer',
    matched: false,
    intent: greeting ? 'greeting' : 'help',
    title: greeting ? 'Hello' : canonical(ctx, 'help'),
    text: greeting ? `Hello! ${HELP_TEXT}` : HELP_TEXT,
    factIds: [],
    sources: [],
    confidence: 1,
    suggestions: intentSuggestions(ctx, 'next-round', 'contribution', 'summary'),
  };
}

export const helpIntent: IntentHandler = {
  name: 'help',
  detect(ctx) {
    if (!asked(ctx, 'help')) return null;
    const vocab = spec(ctx, 'help').vocabulary;
    if (!ctx.structured && !ctx.q.content.every((t) => vocab.has(t))) return null;
    return { answer: info(ctx, aspects(ctx, 'help').includes('greeting')), explained: new Set(ctx.q.content) };
  },
};
