/**
 * The `sma` CLI as a user runs it: real processes, stdout/stderr and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { koCoverage } from '../../src/knowledge/koCoverage.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const TSX = join(import.meta.dirname, '../../node_modules/.bin/tsx');
const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'sma-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sma(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(TSX, [MAIN, ...args], { input, encoding: 'utf8', cwd: join(import.meta.dirname, '../..'), env: { ...process.env, KNOWLEDGE_DIR: './knowledge', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('sma ask --json', () => {
  it('prints one JSON object per stdin question, in order, and nothing else', () => {
    const r = sma(['ask', '--json', '--now', '2018-03-12'], 'When is the next round?\nhello?\nWho won the Super Bowl?\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    const [next, hello, superBowl] = lines.map((l) => JSON.parse(l));
    expect(next).toMatchObject({ question: 'When is the next round?', matched: true, factIds: [], suggestions: expect.any(Array) });
    expect(next.text).toMatch(/April 2018/);
    expect(next.text).toMatch(/Sources: /);
    expect(next.sources[0]).toMatchObject({ publisher: expect.any(String), title: expect.any(String), date: expect.stringMatching(/^\d{4}/) });
    expect(typeof next.confidence).toBe('number');
    expect(hello).toMatchObject({ question: 'hello?', matched: false });
    expect(superBowl).toMatchObject({ matched: false });
  });

  it('answers a question given as arguments', () => {
    const r = sma(['ask', '--json', 'How', 'much', 'did', 'Korea', 'pay', 'in', '2019?']);
    expect(JSON.parse(r.out)).toMatchObject({ question: 'How much did Korea pay in 2019?', matched: true });
    expect(JSON.parse(r.out).text).toMatch(/1\.0389 trillion won/);
  });
});

describe('usage errors', () => {
  it('an unknown command gets usage help and exit code 2', () => {
    const r = sma(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"/);
    expect(r.err).toMatch(/Usage: npm run --silent sma -- <command>/);
  });
  it('a bad flag or date gets usage help and exit code 2', () => {
    expect(sma(['ask', '--jsno', 'x']).code).toBe(2);
    const r = sma(['ask', '--now', '2018-02-30', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--now expects a date as YYYY-MM-DD/);
  });
  it('a bad configuration value names the variable', () => {
    const r = sma(['ask', 'x'], undefined, { LOG_LEVEL: 'loud' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/LOG_LEVEL/);
  });
});

describe('sma kb validate', () => {
  const fixture = join(import.meta.dirname, '../fixtures/kb-minimal');
  it('is clean on a fully translated record: ok, then the Korean coverage line', () => {
    const r = sma(['kb', 'validate'], undefined, { KNOWLEDGE_DIR: fixture });
    expect(r.out).toBe(
      'ok: 8 files, 2 sources, 3 facts, 2 rounds, 2 agreements, 1 yearly contributions, 6 glossary terms.\n' +
        'Korean: 3/3 facts, 1/1 round summaries, 1/1 round date notes, 2/2 negotiator titles and notes, glossary 6/6 names.\n',
    );
    expect(r.code).toBe(0);
  });
  it('fails on a fact without Korean and only warns on a table text or a name without it', () => {
    const dir = join(tmp, 'no-korean');
    cpSync(fixture, dir, { recursive: true });
    const facts = join(dir, 'facts/basics.yaml');
    writeFileSync(facts, readFileSync(facts, 'utf8').replace(/    ko:\n      question: 협상이 어려울까\?\n(      .*\n){3}/, ''));
    const rounds = join(dir, 'rounds.yaml');
    writeFileSync(rounds, readFileSync(rounds, 'utf8').replace('    ko: { summary: 탐색적 협의. }\n', ''));
    const r = sma(['kb', 'validate'], undefined, { KNOWLEDGE_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ok: /);
    expect(r.out).toContain('Korean: 2/3 facts, 0/1 round summaries, ');
    const line = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(r.out).toContain(`${dir}/facts/basics.yaml:${line(facts, 'id: difficult')} facts[1]: missing Korean: fact "difficult" has no ko block`);
    expect(r.out).toContain(`${dir}/rounds.yaml:${line(rounds, 'summary: Exploratory')} rounds[0].summary: missing Korean (warning): add ko.summary`);
    expect(r.out).toMatch(/\n1 fact without Korean: give each a ko block/);

    writeFileSync(facts, readFileSync(join(fixture, 'facts/basics.yaml'), 'utf8'));
    const warnedOnly = sma(['kb', 'validate'], undefined, { KNOWLEDGE_DIR: dir });
    expect(warnedOnly.out).toMatch(/\n1 Korean text missing from the tables or the glossary: warnings for now/);
    expect(warnedOnly.code).toBe(0);
  });
  it('on the shipped knowledge, fails exactly when a fact lacks Korean', () => {
    const loaded = loadKnowledge('knowledge');
    if (!loaded.ok) throw new Error('the shipped knowledge does not load');
    const factGaps = koCoverage(loaded.knowledge, loaded.origins).gaps.filter((g) => g.severity === 'error').length;
    const r = sma(['kb', 'validate']);
    expect(r.out).toMatch(/^ok: .*\nKorean: \d+\/\d+ facts, /);
    expect(r.code).toBe(factGaps ? 1 : 0);
  });
  it('prints file:line problems and exits 1 on a broken folder, and ask refuses to start', () => {
    const dir = join(tmp, 'broken');
    cpSync(join(import.meta.dirname, '../fixtures/kb-minimal'), dir, { recursive: true });
    writeFileSync(join(dir, 'contributions.yaml'), 'contributions:\n  - year: 2018\n    amount: 960\n    unit: KRW-billion\n    sources: [nowhere]\n');
    const r = sma(['kb', 'validate'], undefined, { KNOWLEDGE_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${dir}/contributions.yaml:5 contributions[0].sources[0]: unknown source "nowhere"`);
    const ask = sma(['ask', 'hello'], undefined, { KNOWLEDGE_DIR: dir });
    expect(ask.code).toBe(1);
    expect(ask.err).toMatch(/knowledge base has 1 problem/);
  });
});

describe('sma eval', () => {
  it('scores a question set and prints accuracy, abstention and latency', () => {
    const file = join(tmp, 'set.jsonl');
    writeFileSync(file, ['{"id":"a","q":"How much did Korea pay in 2019?","expect":["1\\\\.0389"]}', '{"id":"b","q":"Who won the Super Bowl?","abstain":true}', '{"id":"c","q":"How much did Korea pay in 2019?","expect":["nonsense-pattern"]}'].join('\n'));
    const r = sma(['eval', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/in-scope accuracy: 1\/2 = 50\.0%/);
    expect(r.out).toMatch(/abstention: +1\/1 = 100\.0%/);
    expect(r.out).toMatch(/FAIL c .*missing \/nonsense-pattern\//);
    expect(r.out).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
  });
});
