/**
 * A small stand-in for the core's Responder: answers every question with an Answer whose title
 * is the question (a request: its JSON), records what it was asked, and throws on demand.
 */
import type { Answer, AskOptions, AskRequest, Responder, Suggestion } from '../../src/core/answer.js';
import { inputLabel, sampleAnswer } from '../support/sampleAnswer.js';

export const LONG_QUESTION = 'What exactly did the United States and South Korea agree about the cost of stationing US Forces Korea in the 2019 deal and after it?';

/** 40 knowledge questions (more than Discord's 25), one longer than 100 characters; the first an intent's. */
export const QUESTIONS: Suggestion[] = [
  { question: 'When is the next round?', request: { intent: 'next-round' } },
  { question: 'How long does a round last?', factId: 'round-length' },
  { question: 'Who leads the Korean delegation?', factId: 'korean-negotiator' },
  { question: LONG_QUESTION, factId: 'deal-2019-terms' },
  ...Array.from({ length: 36 }, (_, i) => ({ question: `How much did Korea pay in ${1990 + i}?`, factId: `contribution-${1990 + i}` })),
];

export interface FakeResponder extends Responder {
  asked: { question: string | AskRequest; options: AskOptions | undefined }[];
  completed: { partial: string; limit: number | undefined }[];
  /** Questions (or requests' JSON, see `inputLabel`) that make `ask` throw. */
  failOn: Set<string>;
}

export function answerFor(question: string, overrides: Partial<Answer> = {}): Answer {
  return sampleAnswer(
    question,
    { factId: 'round-length', relatedFactId: 'round-length', linked: { title: 'S. Korea, US open talks on defense cost', url: 'https://en.yna.co.kr/view/AEN20180307000351315' } },
    overrides,
  );
}

export function fakeResponder(special: Record<string, Partial<Answer>> = {}): FakeResponder {
  const r: FakeResponder = {
    asked: [],
    completed: [],
    failOn: new Set(),
    ask(question, options) {
      r.asked.push({ question, options });
      const label = inputLabel(question);
      if (r.failOn.has(label)) throw new Error(`responder exploded on "${label}"`);
      return answerFor(label, special[label]);
    },
    complete(partial, limit) {
      r.completed.push({ partial, limit });
      const p = partial.trim().toLowerCase();
      const hits = p ? QUESTIONS.filter((s) => s.question.toLowerCase().includes(p)) : QUESTIONS;
      return hits.slice(0, limit ?? 10);
    },
  };
  return r;
}
