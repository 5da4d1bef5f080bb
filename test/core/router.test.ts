/**
 * The router on a small fixed record: paraphrases, typos, word order, out-of-scope questions,
 * "did you mean", and the replies to empty, over-long and wordless input.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createResponder } from '../../src/core/responder.js';
import { ANSWER_BAR } from '../../src/core/confidence.js';
import { loadOrThrow } from '../../src/boot.js';

const responder = createResponder(loadOrThrow(join(import.meta.dirname, '../fixtures/kb-minimal')), { clock: () => new Date('2018-03-12T12:00:00Z') });
const factOf = (q: string) => {
  const a = responder.ask(q);
  return a.kind === 'answer' && a.matched ? a.factIds[0] : a.kind;
};

describe('routing to facts', () => {
  it.each([
    ['How many US troops are stationed in South Korea?', 'troops'],
    ['how big is USFK', 'troops'],
    ['number of American soldiers in Korea?', 'troops'],
    ['how many us trops are in korea', 'troops'],
    ['korea troops us how many', 'troops'],
    ['are the talks going to be hard', 'difficult'],
    ['tough negotiations?', 'difficult'],
    ['will washington withdraw troops from korea', 'troop-cuts'],
    ['USFK reduction', 'troop-cuts'],
  ])('%s → %s', (q, id) => {
    expect(factOf(q)).toBe(id);
  });

  it('answers carry sources, an as-of date, a confidence and related suggestions', () => {
    const a = responder.ask('how big is usfk');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'fact', asOf: '2018-03-12', title: 'How many US troops are stationed in South Korea?' });
    expect(a.sources).toEqual([{ id: 'yonhap-2018-03-12', publisher: 'Yonhap', title: expect.any(String), date: '2018-03-12' }]);
    expect(a.confidence).toBeGreaterThanOrEqual(ANSWER_BAR);
    expect(a.suggestions).toEqual([{ question: 'Will the negotiations be difficult?', factId: 'difficult' }]);
  });
});

describe('not answering what it does not know', () => {
  it.each(["What's the weather in Washington?", 'Recommend a movie', 'zzzz', 'How do I install Python?', 'What is the population of Seoul?'])('%s → unknown', (q) => {
    const a = responder.ask(q);
    expect(a.matched).toBe(false);
    expect(a.kind).toBe('unknown');
    expect(a.text).toMatch(/^I don't know/);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('names an off-topic subject instead of guessing', () => {
    const a = responder.ask('How much does Germany pay for US troops?');
    expect(a).toMatchObject({ kind: 'unknown', matched: false, intent: 'off-topic' });
    expect(a.text).toMatch(/can't answer about germany/);
  });

  it('asks "did you mean…" when a question fits two facts within the margin', () => {
    // "us troops" fits both troop facts; with a margin wider than their gap, neither is the clear winner.
    const wide = createResponder(loadOrThrow(join(import.meta.dirname, '../fixtures/kb-minimal')), { clock: () => new Date('2018-03-12T12:00:00Z'), thresholds: { margin: 0.2 } });
    const a = wide.ask('us troops');
    expect(a.kind).toBe('clarify');
    expect(a.matched).toBe(false);
    expect(a.suggestions.map((s) => s.factId).sort()).toEqual(['troop-cuts', 'troops']);
  });
});

describe('input that is not a question', () => {
  it('empty input gets a clear reply', () => {
    expect(responder.ask('   ')).toMatchObject({ kind: 'unknown', intent: 'invalid-input', matched: false });
  });
  it('over-long input (more than 500 characters) gets a clear reply', () => {
    const a = responder.ask('why '.repeat(200));
    expect(a).toMatchObject({ kind: 'unknown', intent: 'invalid-input' });
    expect(a.text).toMatch(/at most 500 characters/);
  });
  it('punctuation only gets a clear reply', () => {
    expect(responder.ask('?!… ---').intent).toBe('invalid-input');
  });
  it('greetings and help are answered but not "matched"', () => {
    expect(responder.ask('hello?')).toMatchObject({ intent: 'greeting', matched: false });
    expect(responder.ask('help')).toMatchObject({ intent: 'help', matched: false });
  });
  it('hostile text is treated as words, never as markup', () => {
    const a = responder.ask('<!channel> @everyone <@U123> how big is usfk');
    expect(a.factIds).toEqual(['troops']);
  });
});

describe('autocomplete', () => {
  it('ranks knowledge questions for a partial input, at most the limit', () => {
    const s = responder.complete('troop', 2);
    expect(s).toHaveLength(2);
    expect(s.map((x) => x.factId)).toContain('troops');
    expect(responder.complete('', 25).length).toBeGreaterThan(3);
  });
});
