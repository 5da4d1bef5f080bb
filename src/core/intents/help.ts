/**
 * Help and greetings: what the bot can answer, with examples. Not answers from the record, so
 * `matched` is false. A message is help only when all its words are help or greeting words.
 */
import type { Answer } from '../answer.js';
import { aspects, asked, canonical, intentSuggestions, loc, spec, type IntentContext, type IntentHandler } from './context.js';

function info(ctx: IntentContext, greeting: boolean): Answer {
  const t = loc(ctx).t.help;
  return {
    kind: 'answer',
    matched: false,
    intent: greeting ? 'greeting' : 'help',
    title: greeting ? t.greetingTitle : canonical(ctx, 'help'),
    text: greeting ? t.greeting(t.text) : t.text,
    factIds: [],
    sources: [],
    confidence: 1,
    suggestions: intentSuggestions(ctx, 'next-round', 'contribution', 'summary'),
    language: ctx.lang,
  };
}

export const helpIntent: IntentHandler = {
  name: 'help',
  detect(ctx) {
    if (!asked(ctx, 'help')) return null;
    // Help is about the bot: a message of help and greeting words only (the subject's own words,
    // which every intent accounts for, make it a question).
    const own = spec(ctx, 'help').own;
    if (!ctx.structured && !ctx.q.content.every((t) => own.has(t))) return null;
    return { answer: info(ctx, aspects(ctx, 'help').includes('greeting')), explained: new Set(ctx.q.content) };
  },
};
