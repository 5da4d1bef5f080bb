/**
 * The words `sma ask` and `sma chat` restore from their last build of the same record instead of
 * learning them again (src/cli/indexCache.ts): a responder built with them answers exactly as one
 * that learned them, and a kept file that is damaged, of another format or of an older record is
 * never used: the answer is the record's, and the file is written again.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { createResponder } from '../../src/core/responder.js';
import { readEvalFile } from '../../src/eval/questionSet.js';
import { FORMAT } from '../../src/cli/indexCache.js';
import { recordCacheFile } from '../../src/knowledge/cache.js';
import { copyFixture, tempDir } from '../announce/helpers.js';
import { sma } from '../support/cli.js';
import { recordKnowledge } from '../support/record.js';

const ROOT = join(import.meta.dirname, '../..');
const tmp = tempDir('sma-index-cache-');
afterAll(() => tmp.remove());

/** Every question set of this repository and, when it is next to this checkout, the shared ones. */
function questionSets(): string[] {
  const inRepo = readdirSync(join(ROOT, 'test/data')).map((f) => join(ROOT, 'test/data', f));
  const shared = join(ROOT, '../shared/eval');
  return [...inRepo, ...(existsSync(shared) ? readdirSync(shared).map((f) => join(shared, f)) : [])].filter((f) => f.endsWith('.jsonl'));
}

describe('a responder built with the words an earlier build learned', () => {
  it('answers every question of every set, and every dialogue turn after the one before, exactly as one that learned them', () => {
    const kb = recordKnowledge();
    const now = new Date('2026-06-01T12:00:00Z');
    const learnedIt = createResponder(kb, { clock: () => now });
    // As the cache keeps them: taken before any question, through JSON.
    const learned = JSON.parse(JSON.stringify(learnedIt.normaliser.learned()));
    const restored = createResponder(kb, { clock: () => now, learned });
    let asked = 0;
    for (const file of questionSets()) {
      const { questions, dialogues } = readEvalFile(file);
      for (const row of questions) {
        expect(restored.ask(row.q), `${file} ${row.id}`).toStrictEqual(learnedIt.ask(row.q));
        asked++;
      }
      for (const d of dialogues) {
        let previous: { learned?: Answer; restored?: Answer } = {};
        for (const turn of d.turns) {
          const answers = { learned: learnedIt.ask(turn.q, { previous: previous.learned }), restored: restored.ask(turn.q, { previous: previous.restored }) };
          expect(answers.restored, `${file} ${d.id}: ${turn.q}`).toStrictEqual(answers.learned);
          previous = answers;
          asked++;
        }
      }
    }
    expect(asked).toBeGreaterThan(500);
  });
});

describe('the kept words of sma ask', () => {
  const troops = /About 28,500 American troops/;

  it('are written by the first ask and read by the next, which answers the same', async () => {
    const dir = copyFixture(join(tmp.dir, 'kept'));
    const ask = () => sma(['ask', 'How many US troops are in Korea?'], { env: { KNOWLEDGE_DIR: dir } });
    const first = await ask();
    expect(first.out).toMatch(troops);
    const file = recordCacheFile('index', dir);
    const [header, payload] = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(header!)).toMatchObject({ format: FORMAT });
    expect(JSON.parse(payload!).vocabulary).toContain('troops');
    expect(await ask()).toStrictEqual(first);
  });

  it('are ignored when damaged (cut short, not JSON, edited, another format), and written again', async () => {
    const dir = copyFixture(join(tmp.dir, 'damaged'));
    const ask = () => sma(['ask', 'How many US troops are in Korea?'], { env: { KNOWLEDGE_DIR: dir } });
    await ask();
    const file = recordCacheFile('index', dir);
    const good = readFileSync(file, 'utf8');
    const [header, payload] = good.split('\n') as [string, string];
    // Without the check of its digest, this one would make every word of the question unknown.
    const edited = `${header}\n${JSON.stringify({ ...JSON.parse(payload), vocabulary: [], knownStems: [], texts: [] })}`;
    const otherFormat = `${JSON.stringify({ ...JSON.parse(header), format: FORMAT + 1 })}\n${payload}`;
    for (const damaged of [good.slice(0, good.length / 2), 'not json at all', '', edited, otherFormat]) {
      writeFileSync(file, damaged);
      const run = await ask();
      expect(run.code).toBe(0);
      expect(run.out).toMatch(troops);
      expect(readFileSync(file, 'utf8')).toBe(good);
    }
  });

  it('are of the record as it is now: an edited record is answered with its own words', async () => {
    const dir = copyFixture(join(tmp.dir, 'edited'));
    const ask = (q: string) => sma(['ask', q], { env: { KNOWLEDGE_DIR: dir } });
    expect((await ask('How many US troops are in Korea?')).out).toMatch(troops);
    const kept = readFileSync(recordCacheFile('index', dir), 'utf8');
    const facts = join(dir, 'facts/basics.yaml');
    writeFileSync(facts, readFileSync(facts, 'utf8').replace('phrasings: [usfk troop numbers,', 'phrasings: [how large is the american garrison, usfk troop numbers,'));
    // "garisson" is corrected only towards a word of the record as it is now.
    expect((await ask('how large is the american garisson')).out).toMatch(troops);
    expect(readFileSync(recordCacheFile('index', dir), 'utf8')).not.toBe(kept);
  });
});
