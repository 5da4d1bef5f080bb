/**
 * A snapshot of the validated record for short-lived commands (`sma ask`, `sma chat`). Parsing the
 * YAML with its positions and validating it takes about half a second, more than starting the
 * process does, and these commands answer one question and exit. The snapshot is keyed by the
 * content of every knowledge file and of the loader's own sources, so any edit to the record (or
 * to its schema) misses, and the full load runs with its file:line problems. Only a record that
 * loaded without problems is kept. Best effort: a cache that cannot be read or written is skipped.
 *
 * Beside the record it keeps the dates its answers mention as chrono-node found them (see
 * core/understand/dates.ts): finding them took as long as the rest of building the index, and with
 * them kept `sma ask` does not load chrono unless the question holds a date phrase. So the key
 * covers that code and the installed packages too.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Knowledge } from './schema.js';

export const CACHE_DIR = join(import.meta.dirname, '../../node_modules/.cache/sma-bot');
/** The code that turns the files into a Knowledge and finds the answers' dates: a change to it must miss the cache too. */
const LOADER = [
  ...['schema', 'intentNames', 'milestones', 'load', 'crossChecks', 'yamlFile', 'dates', 'cache'].map((name) =>
    join(import.meta.dirname, `${name}${extname(import.meta.filename)}`),
  ),
  ...['dates', 'yearParts'].map((name) => join(import.meta.dirname, `../core/understand/${name}${extname(import.meta.filename)}`)),
];
/** The installed versions of zod, yaml and chrono-node, among others: when there is no lock file, nothing is cached. */
const LOCK_FILE = join(import.meta.dirname, '../../package-lock.json');

const isYaml = (name: string) => /\.ya?ml$/.test(name);

function knowledgeFiles(dir: string): string[] {
  const top = readdirSync(dir)
    .filter(isYaml)
    .sort()
    .map((n) => join(dir, n));
  const factsDir = join(dir, 'facts');
  const facts = existsSync(factsDir)
    ? readdirSync(factsDir)
        .filter(isYaml)
        .sort()
        .map((n) => join(factsDir, n))
    : [];
  return [...top, ...facts];
}

/** The content hash of the record in `dir` and of its loader; undefined when a file cannot be read. */
export function knowledgeKey(dir: string): string | undefined {
  try {
    const hash = createHash('sha256');
    for (const file of [...LOADER, LOCK_FILE, ...knowledgeFiles(dir)]) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** The cache file of one kind (`knowledge`, `index`) for the record in `dir`: one per folder, whatever its content. */
export const recordCacheFile = (kind: string, dir: string) => join(CACHE_DIR, `${kind}-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}.json`);
const snapshotFile = (dir: string) => recordCacheFile('knowledge', dir);

export interface Snapshot {
  knowledge: Knowledge;
  /** The dates each answer mentions, as core/understand/dates.ts `datesFound` gives them. */
  answerDates: Record<string, string[]>;
}

/** The snapshot of the record in `dir` when it was taken of the content whose key is `key` (by default, the files' now). */
export function readCachedKnowledge(dir: string, key = knowledgeKey(dir)): Snapshot | undefined {
  if (!key) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as Snapshot & { key: string };
    return snapshot.key === key ? { knowledge: snapshot.knowledge, answerDates: snapshot.answerDates ?? {} } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the snapshot of the record loaded from `dir` when its key was `keyBefore` (unless it changed meanwhile). */
export function writeCachedKnowledge(dir: string, { knowledge, answerDates }: Snapshot, keyBefore: string | undefined): void {
  const key = knowledgeKey(dir);
  if (!key || key !== keyBefore) return;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = snapshotFile(dir);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ key, knowledge, answerDates }));
    renameSync(partial, file);
  } catch {
    // Read-only install or full disk: the next start loads the YAML again, nothing else is lost.
  }
}
