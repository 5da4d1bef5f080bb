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
import { copy, edit, removeCopies } from '../support/kbCopy.js';

const tmp = mkdtempSync(join(tmpdir(), 'sma-cli-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  removeCopies();
});

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

describe('sma ask --json --conversation', () => {
  it('reads the lines as the turns of one conversation; an empty line starts a new one', async () => {
    const input = 'how much did korea pay in 2019?\nand in 2020?\nsource?\n\nand in 2020?\n2019년 분담금 얼마야?\n2020년은?\n';
    const r = await sma(['ask', '--json', '--conversation', '--now', '2026-01-24'], { input });
    expect(r.code).toBe(0);
    const turns = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(turns.map((t) => t.question)).toEqual(['how much did korea pay in 2019?', 'and in 2020?', 'source?', 'and in 2020?', '2019년 분담금 얼마야?', '2020년은?']);
    expect(turns[1]).toMatchObject({ matched: true, intent: 'contribution', title: "Korea's SMA contribution in 2020" });
    expect(turns[2]).toMatchObject({ intent: 'sources', title: "Sources for: Korea's SMA contribution in 2020" });
    expect(turns[3].title).not.toBe("Korea's SMA contribution in 2020"); // a new conversation: nothing to lean on
    expect(turns[5]).toMatchObject({ matched: true, title: '2020년 한국의 방위비 분담금' });
  });

  it('without --conversation every line stands alone; with it, a question argument is a usage error', async () => {
    const alone = await sma(['ask', '--json', '--now', '2026-01-24'], { input: 'how much did korea pay in 2019?\nand in 2020?\n' });
    expect(JSON.parse(alone.out.trim().split('\n')[1]!).title).not.toBe("Korea's SMA contribution in 2020");
    const r = await sma(['ask', '--conversation', 'and in 2020?']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--conversation reads the turns from stdin/);
  });
});

describe('sma eval with dialogues', () => {
  it('scores each turn as a row and each dialogue as a whole; --min-dialogues gates them', async () => {
    const file = join(tmp, 'dialogues.jsonl');
    const rows = [
      {
        id: 'd-pass',
        turns: [
          { q: 'how much did korea pay in 2019?', expect: ['1\\.0389 trillion'] },
          { q: 'and in 2020?', expect: ['2020', '1\\.0389 trillion'] },
        ],
      },
      {
        id: 'd-fail',
        now: '2026-01-24',
        turns: [
          { q: 'who negotiated the 12th SMA for korea?', expect: ['Lee Tae-woo'] },
          { q: 'and the US side?', expect: ['Nobody Atall'] },
          { q: 'who won the super bowl?', abstain: true },
        ],
      },
      { id: 'q-plain', q: 'How much did Korea pay in 2019?', expect: ['1\\.0389 trillion'] },
    ];
    writeFileSync(file, rows.map((x) => JSON.stringify(x)).join('\n'));
    const r = await sma(['eval', file, '--json', '--now', '2026-01-24', '--min-dialogues', '60']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.dialogues).toEqual({ passed: 1, total: 2, rate: 0.5 });
    expect(report.accuracy).toMatchObject({ passed: 4, total: 5 });
    expect(report.abstention).toMatchObject({ passed: 1, total: 1 });
    expect(report.failures.map((f: { id: string }) => f.id)).toEqual(['d-fail#2']);
    expect(report.gateFailures[0].problem).toMatch(/dialogues passed 50\.0% \(1\/2\) are below the minimum 60%/);
    const text = await sma(['eval', file, '--now', '2026-01-24']);
    expect(text.out).toMatch(/dialogues: +1\/2 = 50\.0% passed every turn/);
    expect(text.out).toMatch(/WRONG d-fail#2 "and the US side\?"/);
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
    const clock = await sma(['ask', 'x'], { env: { SMA_NOW: 'tomorrow' } });
    expect(clock.code).toBe(1);
    expect(clock.err).toMatch(/SMA_NOW must be a date as YYYY-MM-DD/);
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
    // English and Korean phrasings and questions of the fixture's facts.
    const kb = loadKnowledge('test/fixtures/kb-minimal');
    if (!kb.ok) throw new Error('fixture does not load');
    const n = kb.knowledge.facts.reduce((sum, f) => sum + 1 + f.phrasings.length + (f.ko ? 1 + f.ko.phrasings.length : 0), 0);
    expect(r.out).toMatch(new RegExp(`^${n}/${n} phrasings route back to their own fact \\(asked as of 2018-04-08, the record's newest source\\)\\.$`, 'm'));
    expect(r.code).toBe(0);
  });

  it("--fact checks only those facts' phrasings, and a collision with one of them from another fact", async () => {
    const only = await sma(['kb', 'check', '--fact', 'troops', '--fact', 'difficult'], { env: { KNOWLEDGE_DIR: 'test/fixtures/kb-minimal' } });
    // troops: its question, 3 phrasings, the Korean question and 5 phrasings; difficult: 1 + 2 + 1 + 5.
    expect(only.out).toMatch(/^19\/19 phrasings of troops, difficult route back to their own fact/m);
    expect(only.code).toBe(0);

    // The last fact takes the first fact's phrasing: checking the first alone still finds it.
    const record = copy();
    edit(record, 'facts/basics.yaml', 'phrasings: [usfk troop reduction,', 'phrasings: [usfk troop numbers, usfk troop reduction,');
    const first = await sma(['kb', 'check', '--fact', 'troops'], { env: { KNOWLEDGE_DIR: record } });
    expect(first.out).toContain('troop-cuts: "usfk troop numbers" collides with "usfk troop numbers" of fact "troops"');
    expect(first.code).toBe(1);
    const unrelated = await sma(['kb', 'check', '--fact', 'difficult'], { env: { KNOWLEDGE_DIR: record } });
    expect(unrelated.code).toBe(0);

    const unknown = await sma(['kb', 'check', '--fact', 'no-such-fact'], { env: { KNOWLEDGE_DIR: 'test/fixtures/kb-minimal' } });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--fact: no fact "no-such-fact" in the record');
  });
});
