/**
 * Validation as a curator meets it: every problem at once, each as `file:line path: problem`,
 * pointing at the line to fix. Each test breaks a copy of a small valid knowledge folder.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { formatProblem } from '../../src/knowledge/yamlFile.js';
import { copy, edit, removeCopies } from '../support/kbCopy.js';

/** Problems as printed, with the temp folder replaced by "kb". */
function problems(dir: string): string[] {
  const r = loadKnowledge(dir);
  if (r.ok) return [];
  return r.problems.map((p) => formatProblem(p).replace(dir, 'kb'));
}
/** The 1-based line of the first occurrence of `needle` in a file of the copy. */
function lineOf(dir: string, file: string, needle: string, occurrence = 1): number {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  let seen = 0;
  const i = lines.findIndex((l) => l.includes(needle) && ++seen === occurrence);
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}

afterEach(removeCopies);

describe('knowledge validation', () => {
  it('accepts the valid fixture', () => {
    const r = loadKnowledge(copy());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.knowledge.facts.map((f) => f.id)).toEqual(['troops', 'difficult', 'troop-cuts']);
  });

  it('reports a dangling source reference at its line, in the documented format', () => {
    const dir = copy();
    edit(
      dir,
      'rounds.yaml',
      'summary: Exploratory talks.\n    sources: [yonhap-2018-03-12]',
      'summary: Exploratory talks.\n    sources:\n      - yonhap-2018-03-12\n      - kbs-2018-4',
    );
    expect(problems(dir)).toEqual([`kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', 'kbs-2018-4')} rounds[0].sources[1]: unknown source "kbs-2018-4"`]);
  });

  it('reports a YAML syntax error with its line', () => {
    const dir = copy();
    edit(dir, 'contributions.yaml', 'amount: 960', 'amount: [960');
    const [p] = problems(dir);
    expect(p).toMatch(/^kb\/contributions\.yaml:\d+: YAML syntax: /);
  });

  it('reports schema errors: a missing field, a bad date, a bad status and an unknown field', () => {
    const dir = copy();
    edit(dir, 'rounds.yaml', '    place: Honolulu, Hawaii\n', '');
    edit(dir, 'rounds.yaml', 'start: 2018-04-09', 'start: 2018-04-31');
    edit(dir, 'rounds.yaml', 'status: scheduled', 'status: planned');
    edit(dir, 'facts/basics.yaml', 'asOf: 2018-03-12\n    related', 'asOf: 2018-03-12\n    colour: red\n    related');
    const out = problems(dir);
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^kb/rounds\\.yaml:${lineOf(dir, 'rounds.yaml', 'id: sma10-r1')} rounds\\[0\\]\\.place: `)));
    expect(out).toContainEqual(`kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', '2018-04-31')} rounds[1].start: not a real calendar date`);
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^kb/rounds\\.yaml:${lineOf(dir, 'rounds.yaml', 'planned')} rounds\\[1\\]\\.status: .*scheduled.*held`)));
    expect(out).toContainEqual(expect.stringMatching(/^kb\/facts\/basics\.yaml:\d+ facts\[0\]: unknown field "colour"/));
    expect(out).toHaveLength(4);
  });

  it('reports duplicate ids across fact files', () => {
    const dir = copy();
    writeFileSync(join(dir, 'facts/more.yaml'), readFileSync(join(dir, 'facts/basics.yaml'), 'utf8'));
    const out = problems(dir);
    expect(out).toContain(`kb/facts/more.yaml:${lineOf(dir, 'facts/more.yaml', 'id: troops')} facts[0].id: duplicate fact id "troops"`);
    expect(out).toContain(`kb/facts/more.yaml:${lineOf(dir, 'facts/more.yaml', 'id: difficult')} facts[1].id: duplicate fact id "difficult"`);
  });

  it('reports an end before its start, and milestones out of order', () => {
    const dir = copy();
    edit(dir, 'rounds.yaml', 'end: 2018-03-09', 'end: 2018-03-01');
    edit(
      dir,
      'agreements.yaml',
      '    period: { from: 2019, to: 2019 }',
      '    period: { from: 2019, to: 2019 }\n    signed: { date: 2019-03-08, sources: [yonhap-2018-03-12] }\n    initialed: { date: 2019-04-10, sources: [yonhap-2018-03-12] }',
    );
    const out = problems(dir);
    expect(out).toContain(`kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', '2018-03-01')} rounds[0].end: end 2018-03-01 is before start 2018-03-07`);
    expect(out).toContainEqual(expect.stringMatching(/agreements\.yaml:\d+ agreements\[1\]\.signed\.date: signed \(2019-03-08\) is before initialed \(2019-04-10\)/));
  });

  it('reports a held round that starts after its newest source was published', () => {
    const dir = copy();
    edit(dir, 'rounds.yaml', 'status: scheduled', 'status: held');
    expect(problems(dir)).toEqual([
      `kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', 'status: held', 2)} rounds[1].status: "held" on 2018-04-09, but its newest source was published 2018-03-12: cite a source from after the round`,
    ]);
  });

  it('reports an unknown related fact, an unknown agreement and a lexicon clash', () => {
    const dir = copy();
    edit(dir, 'facts/basics.yaml', 'related: [difficult]', 'related: [difficulty]');
    edit(dir, 'rounds.yaml', 'agreement: sma-10\n    round: 2', 'agreement: sma-11\n    round: 2');
    edit(dir, 'lexicon.yaml', 'round: [rounds, meeting]', 'round: [rounds, meeting, seoul]');
    const out = problems(dir);
    expect(out).toContain(`kb/facts/basics.yaml:${lineOf(dir, 'facts/basics.yaml', 'difficulty')} facts[0].related[0]: unknown fact "difficulty"`);
    expect(out).toContain(`kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', 'sma-11')} rounds[1].agreement: unknown agreement "sma-11"`);
    expect(out).toContainEqual(expect.stringMatching(/lexicon\.yaml:\d+ synonyms\.round\[2\]: "seoul" is already a synonym of "korea"/));
  });

  it('reports unknown and missing files', () => {
    const dir = copy();
    rmSync(join(dir, 'contributions.yaml'));
    writeFileSync(join(dir, 'roundz.yaml'), 'rounds: []\n');
    const out = problems(dir);
    expect(out).toContainEqual(expect.stringMatching(/^kb\/roundz\.yaml:1: unknown knowledge file/));
    expect(out).toContainEqual('kb/contributions.yaml:0: required file is missing');
  });
});

describe('limits (checked before parsing, at start as on a reload)', () => {
  it('an alias bomb, an oversized file and too many fact files are each a file:line problem, never an exception', () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'facts', 'bomb.yaml'),
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    );
    writeFileSync(join(dir, 'facts', 'big.yaml'), `facts: []\n# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    expect(problems(dir)).toEqual([
      'kb/facts/big.yaml:0: file is 3.0 MB, over the 2.0 MB limit for one knowledge file (not parsed; facts may be split over several files in facts/)',
      expect.stringMatching(/^kb\/facts\/bomb\.yaml:1: YAML rejected: too many aliases \(100 at most/),
    ]);
    const many = copy();
    for (let i = 0; i < 201; i++) writeFileSync(join(many, 'facts', `f${i}.yaml`), 'facts: []\n');
    expect(problems(many)).toEqual(['kb/facts:0: 202 files, over the limit of 200 (none parsed)']);
  });
});
