/**
 * The knowledge answer both adapters' fake cores return: shaped like the core's, with a source that
 * has a link and one that has none. Each adapter's tests pick the ids and the linked source they
 * assert on (Slack's has "&" in its URL, to test escaping).
 */
import type { Answer, AskRequest } from '../../src/core/answer.js';

/** How the fake cores name what they were asked (and title their answer): the words, or the request as JSON. */
export const inputLabel = (input: string | AskRequest): string => (typeof input === 'string' ? input : JSON.stringify(input));

export interface SampleOptions {
  factId: string;
  /** The fact id of the first suggestion. */
  relatedFactId: string;
  linked: { title: string; url: string };
}

export function sampleAnswer(question: string, o: SampleOptions, overrides: Partial<Answer> = {}): Answer {
  return {
    kind: 'answer',
    matched: true,
    intent: 'fact',
    title: question,
    text: `Answer to: ${question}`,
    factIds: [o.factId],
    sources: [
      { id: 'yonhap-2018-03-07', publisher: 'Yonhap', title: o.linked.title, url: o.linked.url, date: '2018-03-07' },
      { id: 'mofa-2019', publisher: 'Ministry of Foreign Affairs', title: '10th SMA signed', date: '2019-03-08' },
    ],
    asOf: '2019-03-08',
    confidence: 0.93,
    // One suggestion of each kind a button can carry: a fact, plain words, a structured request.
    suggestions: [
      { question: 'How long does a round last?', factId: o.relatedFactId },
      { question: 'What rounds have been held so far?' },
      { question: 'Rounds of the 11th SMA talks', request: { intent: 'rounds', agreement: 11 } },
    ],
    ...overrides,
  };
}
