/**
 * The shipped record, as a curator's CI would check it: it validates, every phrasing routes back
 * to its own fact (asked as of the record's newest source date, as `sma kb check` does, so the
 * verdict does not change as time passes), and every fact is written to the guide's rules.
 * The record question table (test/data/record-questions.jsonl) runs with the accuracy gates in
 * test/eval/gates.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkRouting } from '../../src/core/kbCheck.js';
import { recordDate } from '../../src/knowledge/dates.js';
import { atNoon } from '../../src/eval/questionSet.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { formatProblem } from '../../src/knowledge/yamlFile.js';
import { koCoverage } from '../../src/knowledge/koCoverage.js';

const loaded = loadKnowledge('knowledge');
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const kb = loaded.knowledge;
const korean = koCoverage(kb, loaded.origins);

describe('the shipped knowledge', () => {
  it('passes the schema and cross-file checks of sma kb validate', () => {
    expect(kb.facts.length).toBeGreaterThanOrEqual(60);
    expect(kb.agreements.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('every phrasing routes back to its own fact, none shared (sma kb check)', () => {
    const { checked, failures: bad } = checkRouting(kb, atNoon(recordDate(kb)));
    expect(checked).toBeGreaterThan(300);
    expect(bad.map((f) => `${f.factId}: "${f.phrasing}" ${f.problem}`)).toEqual([]);
  });

  it('every fact has at least five phrasings, an answer of one to three sentences and a source', () => {
    for (const f of kb.facts) {
      expect(f.phrasings.length, f.id).toBeGreaterThanOrEqual(5);
      expect(f.answer.split(/(?<=[.!?])\s+(?=[A-Z"])/).length, f.id).toBeLessThanOrEqual(4);
      expect(f.sources.length, f.id).toBeGreaterThan(0);
    }
  });

  it('has Korean for every fact, every table text and every name (sma kb validate: no Korean gaps)', () => {
    expect(korean.gaps.map((g) => formatProblem(g.problem))).toEqual([]);
  });
});
