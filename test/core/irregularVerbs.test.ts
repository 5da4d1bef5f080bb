/**
 * The irregular verb table the normaliser reads instead of loading wink-lemmatizer: it must give
 * exactly what the lemmatizer gives, for every word, and a damaged copy on disk must not matter.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import lemmatizer from 'wink-lemmatizer';
import wordListPath from 'word-list';
import { irregularBaseBy, loadIrregularBases } from '../../src/core/irregularVerbs.js';
import { stem } from '../../src/core/normalise.js';

const fromLemmatizer = (word: string) => irregularBaseBy(lemmatizer.verb, word);

describe('the irregular verb table', () => {
  const table = loadIrregularBases();

  it('agrees with the lemmatizer on every word of an English dictionary (274,000 words) and on its own entries', () => {
    const words = readFileSync(wordListPath, 'utf8').split('\n');
    const differ = [...words, ...table.keys()].filter((w) => table.get(w) !== fromLemmatizer(w));
    expect(differ).toEqual([]);
    expect(table.size).toBeGreaterThan(5000);
  });

  it('takes the forms a question uses to the stems the record uses', () => {
    expect(table.get('sent')).toBe('send');
    expect(table.get('led')).toBe('lead');
    expect(stem('wrote')).toBe(stem('writes'));
    expect(stem('began')).toBe(stem('beginning'));
    expect(table.has('negotiated')).toBe(false); // the Porter stem already meets "negotiate"
  });

  it('derives the table again from a damaged or stale copy, and keeps the good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sma-verbs-'));
    for (const damaged of ['{"key": "tru', JSON.stringify({ key: 'an older install', bases: [['sent', 'sent']] }), JSON.stringify({ key: 'x', bases: 3 })]) {
      const file = join(dir, 'irregular-verbs.json');
      writeFileSync(file, damaged);
      expect(new Map(loadIrregularBases(file))).toEqual(new Map(table));
      expect(new Map(loadIrregularBases(file))).toEqual(new Map(table)); // now read from what it kept
      expect(readFileSync(file, 'utf8')).toContain('"send"');
    }
  });
});
