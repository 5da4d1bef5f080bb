/**
 * The record snapshot that lets `sma ask` and `sma chat` skip YAML parsing and validation: it
 * gives back exactly what the full load gives, and any edit to the record is seen at once (a
 * changed answer is answered, a broken file is reported as file:line), never a stale snapshot.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrThrow } from '../../src/boot.js';
import { datesFound } from '../../src/core/understand/dates.js';
import { knowledgeKey, readCachedKnowledge, writeCachedKnowledge } from '../../src/knowledge/cache.js';
import { copyFixture, tempDir } from '../announce/helpers.js';
import { sma } from '../support/cli.js';

const tmp = tempDir('sma-cache-');
afterAll(() => tmp.remove());

describe('the record snapshot', () => {
  it('gives back exactly what the full load gives, and nothing for a record it has not seen', () => {
    const dir = copyFixture(join(tmp.dir, 'same'));
    expect(readCachedKnowledge(dir)).toBeUndefined();
    const kb = loadOrThrow(dir);
    const answerDates = datesFound(kb.facts.map((f) => ({ text: f.answer, asOf: f.asOf })));
    writeCachedKnowledge(dir, { knowledge: kb, answerDates }, knowledgeKey(dir));
    expect(readCachedKnowledge(dir)).toStrictEqual({ knowledge: kb, answerDates });
  });

  it('misses as soon as any knowledge file changes, and is not written when the files changed during the load', () => {
    const dir = copyFixture(join(tmp.dir, 'edited'));
    const key = knowledgeKey(dir);
    writeCachedKnowledge(dir, { knowledge: loadOrThrow(dir), answerDates: {} }, key);
    appendFileSync(join(dir, 'facts/basics.yaml'), '\n');
    expect(knowledgeKey(dir)).not.toBe(key);
    expect(readCachedKnowledge(dir)).toBeUndefined();
    writeCachedKnowledge(dir, { knowledge: loadOrThrow(dir), answerDates: {} }, key);
    expect(readCachedKnowledge(dir)).toBeUndefined();
  });

  it('sma ask answers from an edited record at once, and reports a broken one instead of the old snapshot', async () => {
    const dir = copyFixture(join(tmp.dir, 'ask'));
    const ask = () => sma(['ask', 'How many US troops are in Korea?'], { env: { KNOWLEDGE_DIR: dir } });
    expect((await ask()).out).toMatch(/About 28,500 American troops/);
    // With the dates each answer mentions, so a fresh process need not load chrono-node to find them.
    const kb = loadOrThrow(dir);
    expect(readCachedKnowledge(dir)).toStrictEqual({ knowledge: kb, answerDates: datesFound(kb.facts.map((f) => ({ text: f.answer, asOf: f.asOf }))) });
    expect(Object.keys(readCachedKnowledge(dir)!.answerDates)).toHaveLength(kb.facts.length);

    const facts = join(dir, 'facts/basics.yaml');
    writeFileSync(facts, readFileSync(facts, 'utf8').replace('About 28,500 American troops', 'Some 28,500 US service members'));
    expect((await ask()).out).toMatch(/Some 28,500 US service members/);

    writeFileSync(facts, readFileSync(facts, 'utf8').replace('    asOf: 2018-03-12\n    related: [difficult]', '    related: [difficult]'));
    const broken = await ask();
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/facts\/basics\.yaml:\d+ facts\[0\]\.asOf: missing required field/);
  });
});
