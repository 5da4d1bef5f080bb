/**
 * The measurement machinery on the fixture record (test/fixtures/kb-minimal) and a small question
 * set written for it (test/fixtures/questions-minimal.jsonl): wrong answers counted apart from
 * abstentions, gates and their exit codes, the tuning/validation split, several files at once,
 * the threshold sweep and k-fold over the facts' phrasings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Responder } from '../../src/core/answer.js';
import { DEFAULT_THRESHOLDS } from '../../src/core/confidence.js';
import { createResponder } from '../../src/core/responder.js';
import { kfold } from '../../src/eval/kfold.js';
import { evaluate, readQuestionSet } from '../../src/eval/questionSet.js';
import { inSplit, splitOf } from '../../src/eval/split.js';
import { choose, gridPoints, sweep, type PointScore } from '../../src/eval/sweep.js';
import { fixtureKb } from '../announce/helpers.js';
import { sma } from '../support/cli.js';

const SET = 'test/fixtures/questions-minimal.jsonl';
const KB = { KNOWLEDGE_DIR: 'test/fixtures/kb-minimal' };
const tmp = mkdtempSync(join(tmpdir(), 'sma-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoring', () => {
  it('a wrong answer is a matched reply that fails; "I don\'t know" fails without being wrong', () => {
    const report = evaluate(createResponder(fixtureKb()), readQuestionSet(SET), { timing: false });
    const byId = new Map(report.results.map((r) => [r.row.id, r]));
    // "troop reduction difficult" is answered with the troop-cuts fact: a wrong answer.
    expect(byId.get('t07')).toMatchObject({ pass: false, wrong: true });
    // "which hotel hosted the delegates" gets "I don't know": a failure, not a wrong answer.
    expect(byId.get('t06')).toMatchObject({ pass: false, wrong: false });
    expect(report.accuracy).toMatchObject({ passed: 6, total: 8 });
    expect(report.abstention).toMatchObject({ passed: 3, total: 3 });
    expect(report.wrong).toMatchObject({ passed: 1, total: 11 });
  });

  it('an answered out-of-scope row counts as wrong', () => {
    const file = join(tmp, 'answered-abstain.jsonl');
    writeFileSync(file, '{"id":"x1","q":"How many US troops are in Korea?","abstain":true}\n');
    const report = evaluate(createResponder(fixtureKb()), readQuestionSet(file), { timing: false });
    expect(report.wrong).toMatchObject({ passed: 1, total: 1, rate: 1 });
    expect(report.abstention.rate).toBe(0);
  });

  it('a Korean question counts as answered only in Korean; quoted source titles and links do not decide', () => {
    const reply = (text: string): Responder => ({
      ask: () => ({ kind: 'answer', matched: true, intent: 'sources', title: '출처', text, factIds: [], sources: [], confidence: 1, suggestions: [] }),
      complete: () => [],
    });
    const rows = [{ id: 'k1', q: '출처는?', expect: ['MOFA'] }];
    const korean = '이 답변의 출처: 동아일보 영문판, "Report on the terms of the 11th SMA released by MOFA"(2021년 3월 11일) https://donga.com/en/article/1';
    expect(evaluate(reply(korean), rows, { timing: false }).accuracy.passed).toBe(1);
    // The same figures in English prose: right, but not in the question's language (a miss, not wrong).
    const english = evaluate(reply('That answer rests on: Donga, "Report on the terms of the 11th SMA released by MOFA" (March 11, 2021).'), rows, { timing: false });
    expect(english.accuracy.passed).toBe(0);
    expect(english.wrong.passed).toBe(0);
  });
});

describe('the tuning / validation split', () => {
  it('follows the documented rule: SHA-256 of the id, first 8 hex digits, mod 100 < 60', () => {
    // Values computed with the shell line in src/eval/split.ts, not with this code.
    expect(['e001', 'e002', 'k001', 't01', 'a02'].map(splitOf)).toEqual(['tune', 'tune', 'tune', 'tune', 'tune']);
    expect(['r10-01', 't04', 't06', 'a03', '판문점'].map(splitOf)).toEqual(['validate', 'validate', 'validate', 'validate', 'validate']);
  });

  it("puts about 60% of rows in the tuning part, and a row's part never depends on the other rows", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => ({ id: `row-${i}` }));
    const tune = inSplit(ids, 'tune').length;
    expect(tune / ids.length).toBeGreaterThan(0.57);
    expect(tune / ids.length).toBeLessThan(0.63);
    expect(inSplit(ids.slice(0, 10), 'validate').map((r) => r.id)).toEqual(
      inSplit(ids, 'validate')
        .filter((r) => ids.slice(0, 10).includes(r))
        .map((r) => r.id),
    );
    expect(inSplit(ids, 'tune').length + inSplit(ids, 'validate').length).toBe(ids.length);
  });
});

describe('sma eval', () => {
  it('prints accuracy, abstention, the wrong rate and latency, and marks wrong answers apart', async () => {
    const r = await sma(['eval', SET], { env: KB });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/in-scope accuracy: 6\/8 = 75\.0%/);
    expect(r.out).toMatch(/abstention: +3\/3 = 100\.0%/);
    expect(r.out).toMatch(/wrong: +1\/11 = 9\.1% of all rows/);
    expect(r.out).toMatch(/WRONG t07 "troop reduction difficult": missing \/top korean negotiator\//);
    expect(r.out).toMatch(/FAIL +t06 "which hotel hosted the delegates": not matched \(unknown\)/);
    expect(r.out).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
  });

  it('exits 1 with a line per failed gate, 0 with "gates passed" when all hold', async () => {
    const failed = await sma(['eval', SET, '--min-accuracy', '80', '--min-abstention', '100', '--max-wrong', '5'], { env: KB });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`GATE FAILED ${SET}: in-scope accuracy 75.0% (6/8) is below the minimum 80%`);
    expect(failed.out).toContain(`GATE FAILED ${SET}: wrong answers 9.1% (1/11) are above the maximum 5%`);
    expect(failed.out).not.toMatch(/abstention .* is below/);
    const passed = await sma(['eval', SET, '--min-accuracy', '75', '--max-wrong', '9.1%'], { env: KB });
    expect(passed.code).toBe(0);
    expect(passed.out).toMatch(/gates passed \(in-scope accuracy ≥ 75%, wrong ≤ 9\.1%\)/);
  });

  it('a gate that is not a percentage is a usage error', async () => {
    const r = await sma(['eval', SET, '--min-accuracy', '120'], { env: KB });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--min-accuracy expects a percentage from 0 to 100, got "120"/);
  });

  it('--split scores only that part of the set', async () => {
    const tune = JSON.parse((await sma(['eval', SET, '--split', 'tune', '--json'], { env: KB })).out);
    const validate = JSON.parse((await sma(['eval', SET, '--split', 'validate', '--json'], { env: KB })).out);
    expect(tune.files[0]).toMatchObject({ rows: 7, of: 11 });
    expect(validate.files[0]).toMatchObject({ rows: 4, of: 11 });
    expect(tune.wrong.passed + validate.wrong.passed).toBe(1);
    expect((await sma(['eval', SET, '--split', 'half'], { env: KB })).code).toBe(2);
  });

  it('scores several files, each and combined; --json holds everything', async () => {
    const other = join(tmp, 'other.jsonl');
    writeFileSync(other, '{"id":"o1","q":"How many US troops are in Korea?","abstain":true}\n{"id":"o2","q":"usfk troops","expect":["28,500"]}\n');
    const text = await sma(['eval', SET, other, '--max-wrong', '10'], { env: KB });
    expect(text.out).toMatch(new RegExp(`== ${other}: 2 rows\\n[^]*wrong: +1/2 = 50\\.0%`));
    expect(text.out).toMatch(/== all 2 files: 13 rows\nin-scope accuracy: 7\/9 = 77\.8%\nabstention: +3\/4 = 75\.0%\nwrong: +2\/13 = 15\.4%/);
    // The gate holds for the first file (9.1%) and fails for the second (50%).
    expect(text.code).toBe(1);
    expect(text.out).toContain(`GATE FAILED ${other}: wrong answers 50.0% (1/2)`);
    expect(text.out).not.toContain(`GATE FAILED ${SET}`);

    const json = JSON.parse((await sma(['eval', SET, other, '--json', '--max-wrong', '10'], { env: KB })).out);
    expect(json).toMatchObject({ split: 'all', accuracy: { passed: 7, total: 9 }, abstention: { passed: 3, total: 4 }, wrong: { passed: 2, total: 13 }, gates: { maxWrong: 10 } });
    expect(json.files.map((f: { file: string }) => f.file)).toEqual([SET, other]);
    expect(json.gateFailures).toEqual([{ file: other, problem: expect.stringMatching(/^wrong answers 50\.0%/) }]);
    expect(json.failures.find((f: { id: string }) => f.id === 'o1')).toMatchObject({ file: other, wrong: true, matched: true });
  });
});

describe('the threshold sweep', () => {
  const score = (answer: number, accuracy: number, abstention: number, wrong: number): PointScore => ({
    point: { ...DEFAULT_THRESHOLDS, answer },
    accuracy: { passed: 0, total: 0, rate: accuracy },
    abstention: { passed: 0, total: 0, rate: abstention },
    wrong: { passed: 0, total: 0, rate: wrong },
  });

  it('chooses the most accurate point within the wrong bound, then the more abstaining one', () => {
    const points = [score(0.5, 0.95, 0.9, 0.05), score(0.6, 0.9, 0.8, 0.02), score(0.7, 0.9, 0.9, 0.01), score(0.8, 0.7, 1, 0)];
    expect(choose(points, 2)?.point.answer).toBe(0.7);
    expect(choose(points, 5)?.point.answer).toBe(0.5);
    // Nothing within the bound: the fewest wrong.
    expect(choose([score(0.5, 0.95, 0.9, 0.05), score(0.6, 0.9, 0.8, 0.03)], 2)?.point.answer).toBe(0.6);
  });

  it("every grid point keeps clarify ≤ answer and suggest ≤ clarify, and today's bars are on the grid", () => {
    const points = gridPoints();
    expect(points.every((p) => p.clarify <= p.answer && p.suggest <= p.clarify)).toBe(true);
    expect(points).toContainEqual(DEFAULT_THRESHOLDS);
  });

  it('sma eval --sweep reports every point, the chosen one within the wrong bound, and it on the validation split', async () => {
    const r = await sma(['eval', SET, '--sweep', '--json'], { env: KB });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const within = (json.points as PointScore[]).filter((p) => p.wrong.rate <= 0.02);
    expect(within.length).toBeGreaterThan(0);
    // The most accurate point that keeps wrong answers within 2% on the tuning split…
    expect(json.chosen.withinMaxWrong).toBe(true);
    expect(json.chosen.tune.wrong.rate).toBeLessThanOrEqual(0.02);
    expect(json.chosen.tune.accuracy.rate).toBe(Math.max(...within.map((p) => p.accuracy.rate)));
    // …and scored again on the rows it was not chosen on.
    expect(json.rows.validate).toBeGreaterThan(0);
    expect(json.chosen.validate.accuracy.total + json.chosen.validate.abstention.total).toBe(json.rows.validate);
    const text = await sma(['eval', SET, '--sweep'], { env: KB });
    expect(text.out).toMatch(/Chosen: answer [\d.]+, clarify [\d.]+, suggest [\d.]+, margin [\d.]+\n {2}tuning split: .*\n {2}validation split: /);
    expect(text.out).toMatch(/Today's bars: answer 0\.6, /);
  });

  it('the chosen point is the most accurate of those within the bound, and never one beyond it', () => {
    const grid = { answer: [0.45, 0.6, 0.7, 0.75, 0.8, 0.9], clarify: [0.4], suggest: [0.3], margin: [0, 0.05] };
    const tune = inSplit(readQuestionSet(SET), 'tune');
    const now = new Date('2018-04-08T12:00:00Z');
    const points = sweep(createResponder(fixtureKb(), { clock: () => now }), tune, now, grid);
    expect(points).toHaveLength(12);
    const chosen = choose(points, 2)!;
    const within = points.filter((p) => p.wrong.rate <= 0.02);
    if (within.length) {
      expect(chosen.wrong.rate).toBeLessThanOrEqual(0.02);
      expect(chosen.accuracy.rate).toBe(Math.max(...within.map((p) => p.accuracy.rate)));
    } else expect(chosen.wrong.rate).toBe(Math.min(...points.map((p) => p.wrong.rate)));
    // A higher answer bar never answers more: accuracy and wrong answers fall or stay as it rises.
    const byBar = points.filter((p) => p.point.margin === 0).sort((a, b) => a.point.answer - b.point.answer);
    for (let i = 1; i < byBar.length; i++) expect(byBar[i]!.wrong.passed).toBeLessThanOrEqual(byBar[i - 1]!.wrong.passed);
  });

  it('exits 1 when no point is within --max-wrong; --json holds every point and the verdict', async () => {
    const file = join(tmp, 'hopeless.jsonl');
    // Tuning-split ids, each an out-of-scope row that every bar answers (its phrasing is a fact's own question).
    writeFileSync(file, '{"id":"t01","q":"How big is usfk","abstain":true}\n{"id":"t02","q":"usfk troops","abstain":true}\n');
    const r = await sma(['eval', file, '--sweep', '--max-wrong', '0', '--json'], { env: KB });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.points).toHaveLength(gridPoints().length);
    expect(json.rows).toEqual({ tune: 2, validate: 0 });
    // The fewest wrong answers of any point, still more than none.
    expect(json.chosen.withinMaxWrong).toBe(false);
    expect(json.chosen.tune.wrong.passed).toBe(Math.min(...json.points.map((p: PointScore) => p.wrong.passed)));
    expect(json.chosen.tune.wrong.passed).toBeGreaterThan(0);
    expect(json).toMatchObject({ maxWrong: 0, objective: expect.stringContaining('highest in-scope accuracy') });
  });
});

describe("k-fold over the facts' phrasings", () => {
  it('holds each fold out, asks it, and counts routed, wrong and unanswered', () => {
    const kb = fixtureKb();
    // A phrasing of one fact that is word for word another fact's question: held out, it routes there (wrong).
    kb.facts.find((f) => f.id === 'difficult')!.phrasings.push('How many US troops are stationed in South Korea?');
    const report = kfold(kb, 3, new Date('2018-04-08T12:00:00Z'));
    const phrasings = kb.facts.reduce((n, f) => n + f.phrasings.length + (f.ko?.phrasings.length ?? 0), 0);
    expect(report.total.heldOut).toBe(phrasings);
    expect(report.folds).toHaveLength(3);
    expect(report.folds.reduce((n, f) => n + f.heldOut, 0)).toBe(phrasings);
    const t = report.total;
    expect(t.routed + t.wrong + t.table + t.unanswered).toBe(t.heldOut);
    expect(report.misses).toContainEqual({ fold: 2, factId: 'difficult', phrasing: 'How many US troops are stationed in South Korea?', got: 'fact troops', wrong: true });
    expect(t.wrong).toBeGreaterThanOrEqual(1);
  });

  it('sma eval --kfold K prints each fold and the total, and takes no files', async () => {
    const r = await sma(['eval', '--kfold', '2'], { env: KB });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 folds, phrasing j of a fact in fold j mod 2, asked as of 2018-04-08/);
    expect(r.out).toMatch(/^ +1 +\d+ /m);
    const phrasings = fixtureKb().facts.reduce((n, f) => n + f.phrasings.length + (f.ko?.phrasings.length ?? 0), 0);
    expect(r.out).toMatch(new RegExp(`^ +all +${phrasings} `, 'm'));
    expect((await sma(['eval', '--kfold', '1'], { env: KB })).code).toBe(2);
    expect((await sma(['eval', SET, '--kfold', '2'], { env: KB })).code).toBe(2);
  });
});
