/**
 * What an answer was, as a vote or the question log records it (`AnswerRef`): its intent, the
 * record fact it gave, or the slots of the table answer, and its language. Built from the core's
 * `Answer`, so every platform records the same thing for the same answer.
 */
import type { Answer, Intent } from '../core/answer.js';
import type { AnswerRef } from './types.js';

/** Every `Intent` at run time (the payload's decoder checks against it); the type check keeps it complete. */
export const ANSWER_INTENTS = [
  'fact',
  'next-round',
  'latest-round',
  'round',
  'rounds',
  'summary',
  'contribution',
  'agreement',
  'negotiators',
  'sources',
  'help',
  'greeting',
  'invalid-input',
  'off-topic',
  'none',
] as const satisfies readonly Intent[];
type Missing = Exclude<Intent, (typeof ANSWER_INTENTS)[number]>;
const complete: Missing extends never ? true : false = true;
void complete;

export function answerRefOf(answer: Answer): AnswerRef {
  const factId = answer.intent === 'fact' ? answer.factIds[0] : undefined;
  return {
    intent: answer.intent,
    ...(factId ? { factId } : {}),
    ...(answer.request && !factId ? { request: answer.request } : {}),
    ...(answer.language ? { language: answer.language } : {}),
  };
}

/**
 * Answers readers may vote on: the ones given from the record. Help, greetings, "did you mean…",
 * "I don't know" and "the record has no…" are not votes on the record, and their buttons would
 * crowd the options they offer.
 */
export const votable = (answer: Answer): boolean => answer.kind === 'answer' && answer.matched;
