/**
 * What building the responder learns from the record, kept beside the record snapshot
 * (knowledge/cache.ts) for the short-lived commands: the vocabulary and its stems, the Korean
 * dictionary with its jamo, and every record text's tokens (`Normaliser.learned()`). Learning them
 * is most of a build (about 0.15 of `sma ask`'s 0.2 s of CPU in it, a third of that the Korean
 * splitting); restoring them leaves only the indexes' postings to count.
 *
 * The key covers everything the learned words depend on: the record's content key (its files, the
 * loader, package-lock.json: the stemmer, the stop words and es-hangul come from there), every
 * source file of the core (any change to how a text is tokenised must miss), Node's version (its
 * Unicode tables are in the normalisation and the regular expressions) and FORMAT. The file is a
 * header line (format, key, the SHA-256 of the rest) and the payload: a file that is truncated,
 * damaged, of another format or of another key is ignored, and the build learns afresh and writes
 * it again. Best effort like the snapshot: a cache that cannot be written is only not kept.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LearnedWords } from '../core/normalise.js';
import { CACHE_DIR, recordCacheFile } from '../knowledge/cache.js';

/** Raise when the payload's shape changes. */
export const FORMAT = 1;
const CORE_DIR = join(import.meta.dirname, '../core');
const SOURCE = /\.[cm]?[jt]s$/;

function learnedKey(recordKey: string): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\0node ${process.version}\0record ${recordKey}\0`);
  const sources = readdirSync(CORE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f))
    .sort();
  for (const file of sources)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(CORE_DIR, file)))
      .update('\0');
  return hash.digest('hex');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The words learned from the record whose content key is `recordKey`, when they were kept for it by this code. */
export function readLearnedWords(dir: string, recordKey: string): LearnedWords | undefined {
  try {
    const text = readFileSync(recordCacheFile('index', dir), 'utf8');
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; key?: unknown; sha256?: unknown };
    const payload = text.slice(newline + 1);
    if (header.format !== FORMAT || header.key !== learnedKey(recordKey) || header.sha256 !== sha256(payload)) return undefined;
    return JSON.parse(payload) as LearnedWords;
  } catch {
    return undefined;
  }
}

/** Keeps what a build of the record whose content key is `recordKey` learned (taken before any question). */
export function writeLearnedWords(dir: string, recordKey: string, learned: LearnedWords): void {
  try {
    const payload = JSON.stringify(learned);
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = recordCacheFile('index', dir);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify({ format: FORMAT, key: learnedKey(recordKey), sha256: sha256(payload) })}\n${payload}`);
    renameSync(partial, file);
  } catch {
    // Read-only install or full disk: the next start learns the words again, nothing else is lost.
  }
}
