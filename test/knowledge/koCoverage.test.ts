/**
 * Korean coverage as a curator meets it in `kb validate`: counts per kind of text, and each gap
 * as `file:line path: missing Korean …`, pointing at the English text that needs its Korean.
 * Each test removes some Korean from a copy of the small fixture, which has all of it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCoverageLine, koCoverage } from '../../src/knowledge/koCoverage.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { formatProblem } from '../../src/knowledge/yamlFile.js';
import { copy, edit, removeCopies } from '../support/kbCopy.js';

function lineOf(dir: string, file: string, needle: string): number {
  const i = readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}
function coverage(dir: string) {
  const r = loadKnowledge(dir);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  const c = koCoverage(r.knowledge, r.origins);
  return { ...c, line: formatCoverageLine(c), printed: c.gaps.map((g) => `${g.severity} ${formatProblem(g.problem).replace(dir, 'kb')}`) };
}
/** The problems a broken folder is refused with, as printed. */
function problems(dir: string): string[] {
  const r = loadKnowledge(dir);
  return r.ok ? [] : r.problems.map((p) => formatProblem(p).replace(dir, 'kb'));
}

afterEach(removeCopies);

describe('Korean coverage', () => {
  it('counts everything in the fully translated fixture and finds no gap', () => {
    const c = coverage(copy());
    expect(c.gaps).toEqual([]);
    expect(c.line).toBe('Korean: 3/3 facts, 1/1 round summaries, 1/1 round date notes, 2/2 negotiator titles and notes, glossary 6/6 names.');
  });

  it('a fact without a ko block is an error at the fact’s line', () => {
    const dir = copy();
    edit(dir, 'facts/basics.yaml', / {4}ko:\n {6}question: 협상이 어려울까\?\n( {6}.*\n){3}/, '');
    const c = coverage(dir);
    expect(c.printed).toEqual([
      `error kb/facts/basics.yaml:${lineOf(dir, 'facts/basics.yaml', 'id: difficult')} facts[1]: missing Korean: fact "difficult" has no ko block (question, five phrasings, keywords, answer)`,
    ]);
    expect(c.line).toMatch(/^Korean: 2\/3 facts, /);
  });

  it('a table text without its Korean is a warning at the English field', () => {
    const dir = copy();
    edit(dir, 'rounds.yaml', '    ko: { summary: 탐색적 협의. }\n', '');
    edit(dir, 'agreements.yaml', '        ko: { title: 국무부 방위비분담협상 대표 }\n', '');
    expect(coverage(dir).printed).toEqual([
      `warning kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', 'summary: Exploratory')} rounds[0].summary: missing Korean (warning): add ko.summary`,
      `warning kb/agreements.yaml:${lineOf(dir, 'agreements.yaml', 'title: deputy')} agreements[1].negotiators[1].title: missing Korean (warning): add ko.title`,
    ]);
  });

  it('a name the tables use without a glossary entry is a warning at its first use', () => {
    const dir = copy();
    edit(dir, 'glossary.yaml', / {2}- \{ en: "Honolulu, Hawaii".*\n/, '');
    edit(dir, 'glossary.yaml', / {2}- \{ en: Yonhap,.*\n/, '');
    const c = coverage(dir);
    expect(c.printed).toEqual([
      `warning kb/rounds.yaml:${lineOf(dir, 'rounds.yaml', 'place: Honolulu')} rounds[0].place: missing Korean (warning): "Honolulu, Hawaii" has no glossary entry (add it to glossary.yaml as kind: place)`,
      `warning kb/sources.yaml:${lineOf(dir, 'sources.yaml', 'publisher: Yonhap')} sources[0].publisher: missing Korean (warning): "Yonhap" has no glossary entry (add it to glossary.yaml as kind: publisher)`,
    ]);
    expect(c.line).toMatch(/glossary 4\/6 names\.$/);
  });

  it('a record without glossary.yaml still loads, and every name is reported', () => {
    const dir = copy();
    rmSync(join(dir, 'glossary.yaml'));
    const c = coverage(dir);
    expect(c.line).toMatch(/glossary 0\/6 names\.$/);
    expect(c.gaps.every((g) => g.severity === 'warning')).toBe(true);
  });
});

describe('glossary validation', () => {
  it('rejects a string listed twice, an unknown source, an unknown kind and a missing Korean form', () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'glossary.yaml'),
      `${readFileSync(join(dir, 'glossary.yaml'), 'utf8')}  - { en: Yonhap, ko: 연합, kind: publisher }\n  - { en: Seoul, ko: 서울, kind: place, sources: [nowhere-2020] }\n`,
    );
    expect(problems(dir)).toEqual([
      `kb/glossary.yaml:${lineOf(dir, 'glossary.yaml', 'ko: 연합,')} terms[6].en: "Yonhap" is already in the glossary`,
      `kb/glossary.yaml:${lineOf(dir, 'glossary.yaml', 'nowhere-2020')} terms[7].sources[0]: unknown source "nowhere-2020"`,
    ]);

    const bad = copy();
    writeFileSync(join(bad, 'glossary.yaml'), 'terms:\n  - { en: Seoul, kind: city }\n');
    const out = problems(bad);
    expect(out).toContainEqual(expect.stringMatching(/^kb\/glossary\.yaml:2 terms\[0\]\.ko: missing required field/));
    expect(out).toContainEqual(expect.stringMatching(/^kb\/glossary\.yaml:2 terms\[0\]\.kind: .*person.*publisher/));
  });
});
