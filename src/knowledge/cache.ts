/**
 * A snapshot of the validated record for short-lived commands (`sma ask`, `sma chat`). Parsing the
 * YAML with its positions and validating it takes about half a second, more than starting the
 * process does, and these commands answer one question and exit. The snapshot is keyed by the
 * content of every knowledge file and of the loader's own sources, so any edit to the record (or
 * to its schema) misses, and the full load runs with its file:line problems. Only a record that
 * loaded without problems is kept. Best effort: a cache that cannot be read or written is skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Knowledge } from './schema.js';

const CACHE_DIR = join(import.meta.dirname, '../../node_modules/.cache/sma-bot');
/** The code that turns the files into a Knowledge: a change to it must miss the cache too. */
const LOADER = ['schema', 'load', 'crossChecks', 'yamlFile', 'dates', 'cache'].map((name) => join(import.meta.dirname, `${name}${extname(import.meta.filename)}`));

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
    for (const file of [...LOADER, ...knowledgeFiles(dir)]) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

const snapshotFile = (dir: string) => join(CACHE_DIR, `knowledge-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}.json`);

export function readCachedKnowledge(dir: string): Knowledge | undefined {
  const key = knowledgeKey(dir);
  if (!key) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(snapshotFile(dir), 'utf8')) as { key: string; knowledge: Knowledge };
    return snapshot.key === key ? snapshot.knowledge : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `knowledge`, loaded from `dir` when the record's key was `keyBefore` (unless it changed meanwhile). */
export function writeCachedKnowledge(dir: string, knowledge: Knowledge, keyBefore: string | undefined): void {
  const key = knowledgeKey(dir);
  if (!key || key !== keyBefore) return;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = snapshotFile(dir);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ key, knowledge }));
    renameSync(partial, file);
  } catch {
    // Read-only install or full disk: the next start loads the YAML again, nothing else is lost.
  }
}
