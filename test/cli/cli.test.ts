/**
 * The `sma` CLI as a user runs it: its output and exit codes, in-process through `main(argv, io)`.
 * The real process is exercised once, in smoke.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { koCoverage } from '../../src/knowledge/koCoverage.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { sma } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'sma-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sma ask --json', () => {
  it('prints one JSON object per stdin question, in order, and nothing else', async () => {
    const r = await sma(['ask', '--json', '--now', '2018-03-12'], { input: 'When is the next round?\nhello?\nWho won the Super Bowl?\n' });
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

  it('answers a question given as arguments', async () => {
    const r = await sma(['ask', '--json', 'How', 'much', 'did', 'Korea', 'pay', 'in', '2019?']);
    expect(JSON.parse(r.out)).toMatchObject({ question: 'How much did Korea pay in 2019?', matched: true });
    expect(JSON.parse(r.out).text).toMatch(/1\.0389 trillion won/);
  });
});

describe('sma chat, piped', () => {
  it('answers one question a line and exits at the end of input', async () => {
    const r = await sma(['chat', '--now', '2019-06-01'], { input: 'How much did Korea pay in 2019?\n' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1\.0389 trillion won/);
  });
});

describe('usage errors', () => {
  it('an unknown command gets usage help and exit code 2', async () => {
    const r = await sma(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"/);
    expect(r.err).toMatch(/Usage: npm run --silent sma -- <command>/);
  });
  it('a bad flag or date gets usage help and exit code 2', async () => {
    expect((await sma(['ask', '--jsno', 'x'])).code).toBe(2);
    const r = await sma(['ask', '--now', '2018-02-30', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--now expects a date as YYYY-MM-DD/);
  });
  it('a bad configuration value names the variable', async () => {
    const r = await sma(['ask', 'x'], { env: { LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/LOG_LEVEL/);
  });
});

describe('sma kb validate', () => {
  const fixture = join(import.meta.dirname, '../fixtures/kb-minimal');
  it('is clean on a fully translated record: ok, then the Korean coverage line', async () => {
    const r = await sma(['kb', 'validate'], { env: { KNOWLEDGE_DIR: fixture } });
    expect(r.out).toBe(
      'ok: 8 files, 2 sources, 3 facts, 2 rounds, 2 agreements, 1 yearly contributions, 6 glossary terms.\n' +
        'Korean: 3/3 facts, 1/1 round summaries, 1/1 round date notes, 2/2 negotiator titles and notes, glossary 6/6 names.\n',
    );
    expect(r.code).toBe(0);
  });
  it('fails on a fact without Korean and only warns on a table text or a name without it', async () => {
    const dir = join(tmp, 'no-korean');
    cpSync(fixture, dir, { recursive: true });
    const facts = join(dir, 'facts/basics.yaml');
    writeFileSync(facts, readFileSync(facts, 'utf8').replace(/ {4}ko:\n {6}question: 협상이 어려울까\?\n( {6}.*\n){3}/, ''));
    const rounds = join(dir, 'rounds.yaml');
    writeFileSync(rounds, readFileSync(rounds, 'utf8').replace('    ko: { summary: 탐색적 협의. }\n', ''));
    const r = await sma(['kb', 'validate'], { env: { KNOWLEDGE_DIR: dir } });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ok: /);
    expect(r.out).toContain('Korean: 2/3 facts, 0/1 round summaries, ');
    const line = (file: string, needle: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;
    expect(r.out).toContain(`${dir}/facts/basics.yaml:${line(facts, 'id: difficult')} facts[1]: missing Korean: fact "difficult" has no ko block`);
    expect(r.out).toContain(`${dir}/rounds.yaml:${line(rounds, 'summary: Exploratory')} rounds[0].summary: missing Korean (warning): add ko.summary`);
    expect(r.out).toMatch(/\n1 fact without Korean: give each a ko block/);

    writeFileSync(facts, readFileSync(join(fixture, 'facts/basics.yaml'), 'utf8'));
    const warnedOnly = await sma(['kb', 'validate'], { env: { KNOWLEDGE_DIR: dir } });
    expect(warnedOnly.out).toMatch(/\n1 Korean text missing from the tables or the glossary: warnings for now/);
    expect(warnedOnly.code).toBe(0);
  });
  it('on the shipped knowledge, fails exactly when a fact lacks Korean', async () => {
    const loaded = loadKnowledge('knowledge');
    if (!loaded.ok) throw new Error('the shipped knowledge does not load');
    const factGaps = koCoverage(loaded.knowledge, loaded.origins).gaps.filter((g) => g.severity === 'error').length;
    const r = await sma(['kb', 'validate']);
    expect(r.out).toMatch(/^ok: .*\nKorean: \d+\/\d+ facts, /);
    expect(r.code).toBe(factGaps ? 1 : 0);
  });
  it('prints file:line problems and exits 1 on a broken folder, and ask refuses to start', async () => {
    const dir = join(tmp, 'broken');
    cpSync(join(import.meta.dirname, '../fixtures/kb-minimal'), dir, { recursive: true });
    writeFileSync(join(dir, 'contributions.yaml'), 'contributions:\n  - year: 2018\n    amount: 960\n    unit: KRW-billion\n    sources: [nowhere]\n');
    const r = await sma(['kb', 'validate'], { env: { KNOWLEDGE_DIR: dir } });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${dir}/contributions.yaml:5 contributions[0].sources[0]: unknown source "nowhere"`);
    const ask = await sma(['ask', 'hello'], { env: { KNOWLEDGE_DIR: dir } });
    expect(ask.code).toBe(1);
    expect(ask.err).toMatch(/knowledge base has 1 problem/);
  });
});

describe('sma kb check', () => {
  it('routes every phrasing of the fixture record back to its fact, asked as of the newest source', async () => {
    const r = await sma(['kb', 'check'], { env: { KNOWLEDGE_DIR: 'test/fixtures/kb-minimal' } });
    expect(r.out).toMatch(/^11\/11 phrasings route back to their own fact \(asked as of 2018-04-08, the record's newest source\)\.$/m);
    expect(r.code).toBe(0);
  });
});
