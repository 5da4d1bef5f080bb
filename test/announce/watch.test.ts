/**
 * The knowledge watcher on a real folder: a valid edit reaches `onValid` once (debounced), an
 * invalid one is logged as file:line and changes nothing, SIGHUP reloads, close() stops it.
 * Files replaced by rename, a real `git checkout` and a folder deleted and recreated are seen;
 * an alias bomb and files over the limits are rejected with the file and the reason.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { watchKnowledge, type KnowledgeWatcher } from '../../src/knowledge/watch.js';
import { captureLogger, copyFixture, tempDir, type Captured } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let dir: string;
let log: Captured;
let watcher: KnowledgeWatcher | undefined;
let loaded: Knowledge[];

const ROUND_3 = `
  - id: sma10-r3
    agreement: sma-10
    round: 3
    start: 2018-05-14
    end: 2018-05-15
    place: Washington
    status: scheduled
    sources: [kbs-2018-04-08]
`;

const until = async (fn: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeEach(() => {
  tmp = tempDir();
  dir = copyFixture(tmp.dir);
  log = captureLogger();
  loaded = [];
});
afterEach(() => {
  watcher?.close();
  tmp.remove();
});

const start = (debounceMs = 40) => {
  watcher = watchKnowledge({ dir, logger: log.logger, debounceMs, onValid: (kb) => void loaded.push(kb) });
};

describe('watchKnowledge', () => {
  it('a valid edit is loaded once, after the writes settle', async () => {
    start();
    const file = join(dir, 'rounds.yaml');
    // An editor's save: several writes in a row.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text);
    appendFileSync(file, ROUND_3);
    await until(() => loaded.length > 0);
    await new Promise((r) => setTimeout(r, 120));
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.rounds.map((r) => r.id)).toContain('sma10-r3');
    expect(log.find('knowledge reloaded')).toMatchObject({ reason: 'file change', rounds: 3 });
  });

  it('an invalid edit is logged with file:line and never reaches onValid', async () => {
    start();
    appendFileSync(join(dir, 'rounds.yaml'), ROUND_3.replace('status: scheduled', 'status: maybe'));
    await until(() => !!log.find('knowledge reload rejected: keeping the running knowledge'));
    const line = log.find('knowledge reload rejected: keeping the running knowledge')!;
    expect(line.level).toBe('error');
    expect(line.problems.join('\n')).toMatch(/rounds\.yaml:\d+/);
    expect(line.problems.join('\n')).toMatch(/status/);
    expect(loaded).toEqual([]);
  });

  it('SIGHUP reloads at once; after close() neither files nor SIGHUP do', async () => {
    start(10_000); // a file change alone would wait ten seconds
    appendFileSync(join(dir, 'rounds.yaml'), ROUND_3);
    process.emit('SIGHUP', 'SIGHUP');
    await until(() => loaded.length === 1);
    expect(log.find('knowledge reloaded')).toMatchObject({ reason: 'SIGHUP' });
    watcher!.close();
    process.emit('SIGHUP', 'SIGHUP');
    await new Promise((r) => setTimeout(r, 50));
    expect(loaded).toHaveLength(1);
  });

  it('a failing onValid is logged; the watcher keeps going', async () => {
    let calls = 0;
    watcher = watchKnowledge({
      dir,
      logger: log.logger,
      sighup: false,
      onValid: async () => {
        calls++;
        throw new Error('store unavailable');
      },
    });
    expect(await watcher.reload('test')).toBe(true);
    expect(log.find('applying the reloaded knowledge failed')).toMatchObject({ error: { message: 'store unavailable' } });
    expect(await watcher.reload('test')).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('watchKnowledge: the folder, not file handles', () => {
  const withRound3 = () => `${readFileSync(join(dir, 'rounds.yaml'), 'utf8')}${ROUND_3}`;
  const hasRound3 = () => loaded.at(-1)?.rounds.some((r) => r.id === 'sma10-r3') ?? false;

  it('a file replaced by rename (what editors do) is seen, and so is every later edit of it', async () => {
    start();
    const file = join(dir, 'rounds.yaml');
    const original = readFileSync(file, 'utf8');
    for (let i = 0; i < 3; i++) {
      writeFileSync(`${file}.tmp`, i % 2 === 0 ? withRound3() : original);
      renameSync(`${file}.tmp`, file);
      await until(() => loaded.length === i + 1);
      expect(hasRound3()).toBe(i % 2 === 0);
    }
  });

  it('git checkout of a branch that edits the record, and back: both seen', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'round3');
    writeFileSync(join(dir, 'rounds.yaml'), withRound3());
    git('commit', '-qam', 'round 3');
    git('checkout', '-q', 'main');
    start();
    git('checkout', '-q', 'round3');
    await until(() => hasRound3());
    git('checkout', '-q', 'main');
    await until(() => loaded.length >= 2 && !hasRound3());
  });

  it('the knowledge folder deleted and created again: the new folder is watched and loaded without SIGHUP', async () => {
    watcher = watchKnowledge({ dir, logger: log.logger, debounceMs: 40, rewatchMs: 50, sighup: false, onValid: (kb) => void loaded.push(kb) });
    const copy = join(tmp.dir, 'copy');
    cpSync(dir, copy, { recursive: true });
    rmSync(dir, { recursive: true });
    await until(() => !!log.find('the knowledge folder is gone; the running knowledge stays until it is back'));
    cpSync(copy, dir, { recursive: true });
    writeFileSync(join(dir, 'rounds.yaml'), withRoundFrom(copy));
    await until(() => hasRound3());
    // …and edits in the new folder are seen too.
    writeFileSync(join(dir, 'rounds.yaml'), readFileSync(join(copy, 'rounds.yaml'), 'utf8'));
    await until(() => loaded.length >= 2 && !hasRound3());
  });

  const withRoundFrom = (from: string) => `${readFileSync(join(from, 'rounds.yaml'), 'utf8')}${ROUND_3}`;
});

describe('watchKnowledge: rejected reloads say which file and why', () => {
  const rejected = () => log.find('knowledge reload rejected: keeping the running knowledge');

  it('an alias bomb (a few lines that expand to millions of nodes) is rejected, naming the file', async () => {
    start();
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ];
    writeFileSync(join(dir, 'facts', 'bomb.yaml'), `${bomb.join('\n')}\n`);
    await until(() => !!rejected());
    expect(rejected()!.problems).toEqual([expect.stringMatching(/facts\/bomb\.yaml:1: YAML rejected: too many aliases \(100 at most/)]);
    expect(loaded).toEqual([]);
  });

  it('a 50 MB file is rejected by its size before it is read: file and reason logged, memory stays under 300 MB', async () => {
    start();
    const rssBefore = process.memoryUsage().rss;
    // 50 MB of one-line list items: parsed, this shape took 2.3 GB and froze the bot for seconds.
    writeFileSync(join(dir, 'facts', 'huge.yaml'), `facts:\n${'  - x\n'.repeat((50 * 1024 * 1024) / 6)}`);
    const started = Date.now();
    await until(() => !!rejected(), 5000);
    const peakGrowthMb = (process.resourceUsage().maxRSS * 1024 - rssBefore) / 1024 / 1024;
    expect(rejected()!.problems).toEqual([expect.stringMatching(/facts\/huge\.yaml:0: file is 50\.0 MB, over the 2\.0 MB limit for one knowledge file \(not parsed/)]);
    expect(peakGrowthMb).toBeLessThan(300);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a 1.8 MB file with 300,000 list items is rejected by its entry count before parsing', async () => {
    start();
    writeFileSync(join(dir, 'facts', 'many.yaml'), `facts:\n${'  - 1\n'.repeat(300_000)}`);
    await until(() => !!rejected(), 5000);
    expect(rejected()!.problems).toEqual([expect.stringMatching(/facts\/many\.yaml:0: file has about 300002 lines and list entries, over the limit of 40000/)]);
    expect(loaded).toEqual([]);
  });
});
