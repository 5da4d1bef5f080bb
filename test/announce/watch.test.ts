/**
 * The knowledge watcher on a real folder: a valid edit reaches `onValid` once (debounced), an
 * invalid one is logged as file:line and changes nothing, SIGHUP reloads, close() stops it.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
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
