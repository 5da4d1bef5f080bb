/**
 * The irregular verb forms the normaliser takes to their base ("sent" → "send", "led" → "lead"),
 * as wink-lemmatizer finds them. Loading the lemmatizer compiles 3.4 MB of WordNet tables, about a
 * quarter of a second and the largest single step of `sma ask`'s start-up, yet all the normaliser
 * keeps of it is a few thousand words: those whose base differs from them in its Porter stem. So
 * that table is derived once from the lemmatizer itself and kept in `node_modules/.cache/sma-bot/`,
 * keyed by this file and the installed packages (package-lock.json); a table that is missing,
 * stale or unreadable is derived again, and one that cannot be written is only not kept.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stemmer as porter } from 'stemmer';

const TABLE_FILE = join(import.meta.dirname, '../../node_modules/.cache/sma-bot/irregular-verbs.json');
const LOCK_FILE = join(import.meta.dirname, '../../package-lock.json');

/** The lemmatizer's base of `word` when the normaliser should use it: a different word with a different stem. */
export function irregularBaseBy(verb: (word: string) => string, word: string): string | undefined {
  const base = verb(word);
  return base !== word && porter(base) !== porter(word) ? base : undefined;
}

/**
 * Every word the lemmatizer changes: its exceptions ("went"), and each WordNet verb with the endings
 * its rules strip (-s, -ies for -y, -es, -ed, -ing, those three also after a dropped -e). Its
 * `verb()` returns any other word as it is, so asking it about these finds the whole table.
 */
function deriveTable(): Map<string, string> {
  const require = createRequire(import.meta.url);
  // The lexicon as the lemmatizer itself resolves it (it is the lemmatizer's dependency, not ours).
  const fromLemmatizer = createRequire(require.resolve('wink-lemmatizer'));
  const lemmatizer = require('wink-lemmatizer') as typeof import('wink-lemmatizer')['default'];
  const exceptions = fromLemmatizer('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>;
  const words = fromLemmatizer('wink-lexicon/src/wn-words.js') as Record<string, number>;
  const senses = fromLemmatizer('wink-lexicon/src/wn-word-senses.js') as number[][];
  // The lemmatizer's own test for a verb: a WordNet sense in its verb range.
  const verbs = Object.keys(words).filter((w) => senses[words[w]!]!.some((s) => s > 28 && s < 44));
  const candidates = new Set(Object.keys(exceptions));
  for (const v of verbs) {
    for (const ending of ['s', 'es', 'ed', 'ing']) candidates.add(v + ending);
    if (v.endsWith('y')) candidates.add(`${v.slice(0, -1)}ies`);
    if (v.endsWith('e')) for (const ending of ['es', 'ed', 'ing']) candidates.add(v.slice(0, -1) + ending);
  }
  const table = new Map<string, string>();
  for (const word of candidates) {
    const base = irregularBaseBy((w) => lemmatizer.verb(w), word);
    if (base !== undefined) table.set(word, base);
  }
  return table;
}

function tableKey(): string | undefined {
  try {
    return createHash('sha256')
      .update(readFileSync(import.meta.filename))
      .update('\0')
      .update(readFileSync(LOCK_FILE))
      .digest('hex');
  } catch {
    return undefined; // no lock file: the installed versions are unknown, so nothing is kept
  }
}

function readTable(file: string, key: string): Map<string, string> | undefined {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; bases?: unknown };
    if (kept.key !== key || !Array.isArray(kept.bases)) return undefined;
    return new Map(kept.bases as [string, string][]);
  } catch {
    return undefined;
  }
}

function writeTable(file: string, key: string, table: Map<string, string>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ key, bases: [...table] }));
    renameSync(partial, file);
  } catch {
    // A read-only install: the next start derives the table again, nothing else is lost.
  }
}

/** The table of irregular forms and their bases, kept in `file` or derived (and kept there). */
export function loadIrregularBases(file = TABLE_FILE): ReadonlyMap<string, string> {
  const key = tableKey();
  const kept = key ? readTable(file, key) : undefined;
  if (kept) return kept;
  const table = deriveTable();
  if (key) writeTable(file, key, table);
  return table;
}
