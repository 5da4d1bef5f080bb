/**
 * What the router understands is data: a synonym a curator adds to lexicon.yaml reaches every
 * intent that names its canonical word, in English and Korean, without code and without turning
 * another answer wrong.
 */
import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/core/responder.js';
import { evaluate, readQuestionSet } from '../../src/eval/questionSet.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const record = recordKnowledge();
const now = new Date('2026-01-31T12:00:00Z');
const withSynonyms = (extra: Record<string, string[]>): Knowledge => {
  const kb: Knowledge = structuredClone(record);
  for (const [canonical, words] of Object.entries(extra)) kb.lexicon.synonyms[canonical] = [...(kb.lexicon.synonyms[canonical] ?? []), ...words];
  return kb;
};

describe('a synonym added to a copy of the record', () => {
  const before = recordResponder(now);
  const after = createResponder(withSynonyms({ ratify: ['endorse', 'endorsed', 'endorsement', '재가'] }), { clock: () => now });

  it('was not understood before, and is not answered wrongly', () => {
    const a = before.ask('When was the 10th SMA endorsed?');
    // Not the ratification row: the word means nothing to the record yet.
    expect(a.text).not.toMatch(/ratified on/);
  });

  it('routes to the ratification row of the agreement intent once it is in the lexicon', () => {
    const a = after.ask('When was the 10th SMA endorsed?');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(a.text).toMatch(/10th SMA was ratified on/);
  });

  it('works in Korean through the same concept', () => {
    const a = after.ask('10차 협정 재가는 언제였어?');
    expect(a).toMatchObject({ matched: true, intent: 'agreement', language: 'ko' });
    expect(a.request?.aspects).toContain('ratified');
  });

  it('turns no answer of the record question table wrong', () => {
    const rows = readQuestionSet('test/data/record-questions.jsonl');
    const report = evaluate(after, rows, { timing: false, now });
    expect(report.results.filter((r) => r.wrong).map((r) => r.row.id)).toEqual([]);
    expect(report.accuracy.passed).toBe(evaluate(before, rows, { timing: false, now }).accuracy.passed);
  });
});
