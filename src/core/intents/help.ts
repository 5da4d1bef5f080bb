/**
 * Help and greetings: what the bot can answer, with examples. Not answers from the record, so
 * `matched` is false.
 */
import type { Answer } from '../answer.js';
import { has, INTENT_QUESTIONS, type IntentContext, type IntentHandler } from './context.js';

const HELP = /^(help|usage|commands?|\?+|what can (you|i) (do|ask)|how (do|does) (i|you|this|it) (use|work)( (you|this|it))?|what do you (know|do)|who are you|what are you|menu|start)$/;
const GREETING = new Set(['hello', 'hi', 'hey', 'hiya', 'yo', 'greet', 'greetings', 'morn', 'morning', 'even', 'evening', 'afternoon', 'good', 'thank', 'thanks', 'cheer', 'cheers', 'bye', 'goodby', 'goodbye', 'there', 'bot', 'sup', 'howdy']);

export const HELP_TEXT =
  'I answer questions about the South Korea–US defense cost-sharing talks (the Special Measures Agreement, SMA), from a curated, sourced record. ' +
  'Try: "When is the next round?", "How much does Korea pay this year?", "Who negotiated the 12th SMA?", "When was the 10th SMA ratified?", ' +
  '"What happened when the talks broke down in 2020?", "What has Trump demanded?". Every answer shows its sources and the date it is true at.';

function info(ctx: IntentContext, intent: 'help' | 'greeting', text: string): Answer {
  return {
    kind: 'answer',
    matched: false,
    intent,
    title: intent === 'help' ? 'What I can answer' : 'Hello',
    text,
    factIds: [],
    sources: [],
    confidence: 1,
    suggestions: [{ question: INTENT_QUESTIONS.nextRound }, { question: INTENT_QUESTIONS.contribution }, { question: INTENT_QUESTIONS.summary }],
  };
}

export const helpIntent: IntentHandler = {
  name: 'help',
  detect(ctx) {
    const text = ctx.q.text.replace(/\b(please|pls|sma|bot|sma bot)\b/g, '').trim();
    if (HELP.test(text) || (has(ctx.q, 'help') && ctx.q.content.length <= 2)) {
      return { answer: info(ctx, 'help', HELP_TEXT), explained: new Set(ctx.q.content) };
    }
    const words = ctx.q.text.split(' ').filter(Boolean);
    if (words.length && words.every((w) => GREETING.has(w) || ['how', 'are', 'you', 'is', 'it', 'going', 'what', 'up'].includes(w)) && words.some((w) => GREETING.has(w))) {
      return { answer: info(ctx, 'greeting', `Hello! ${HELP_TEXT}`), explained: new Set(ctx.q.content) };
    }
    return null;
  },
};
