/**
 * Reads `knowledge/`, validates every file with zod and then across files, and returns either
 * the whole record or every problem found (never just the first).
 *
 * Limits, checked before a file is parsed, so that no file can freeze or exhaust the bot while
 * it reloads (a 50 MB file took 2.3 GB and up to 28 s to parse; 2 MB of one-line list items
 * still takes 3.5 s and 400 MB): each file at most MAX_FILE_BYTES and MAX_FILE_ENTRIES lines
 * plus flow separators (`,` `[` `{`: an upper bound on the items YAML can make of it, counted
 * without parsing), at most MAX_FACT_FILES files in `facts/`, and at most MAX_ALIAS_COUNT
 * aliases (yamlFile.ts). The largest file of the record is about 50 KB and 1,100 lines.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { z } from 'zod';
import { crossCheck } from './crossChecks.js';
import { agreementsFile, contributionsFile, factsFile, intentsFile, glossaryFile, lexiconFile, roundsFile, sourcesFile, type Knowledge } from './schema.js';
import type { Origin } from './parsed.js';
import { formatPath, YamlFile, type KbProblem } from './yamlFile.js';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_FILE_ENTRIES = 40_000;
export const MAX_FACT_FILES = 200;

/** Lines plus flow separators: every YAML node needs one of them, so this bounds the nodes without parsing. */
function entryBound(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 91 || c === 123) n++; // \n , [ {
  }
  return n;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file's text, or the problem that keeps it from being parsed (too big, too many entries, unreadable). */
function readWithinLimits(path: string, file: string): { text: string } | { problem: KbProblem } {
  const problem = (message: string) => ({ problem: { file, line: 0, path: '', message } });
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES)
      return problem(
        `file is ${megabytes(size)}, over the ${megabytes(MAX_FILE_BYTES)} limit for one knowledge file (not parsed; facts may be split over several files in facts/)`,
      );
    const text = readFileSync(path, 'utf8');
    const entries = entryBound(text);
    if (entries > MAX_FILE_ENTRIES) return problem(`file has about ${entries} lines and list entries, over the limit of ${MAX_FILE_ENTRIES} for one knowledge file (not parsed)`);
    return { text };
  } catch (error) {
    return problem(`cannot read the file (${error instanceof Error ? error.message : String(error)})`);
  }
}

export type LoadResult = { ok: true; knowledge: Knowledge; files: string[]; origins: Map<object, Origin> } | { ok: false; problems: KbProblem[] };

/** One fixed file per table; facts may be split over any number of files in `facts/`. */
const TABLE_FILES = {
  'sources.yaml': sourcesFile,
  'rounds.yaml': roundsFile,
  'agreements.yaml': agreementsFile,
  'contributions.yaml': contributionsFile,
  'lexicon.yaml': lexiconFile,
  'intents.yaml': intentsFile,
  'glossary.yaml': glossaryFile,
} as const;
type TableFile = keyof typeof TABLE_FILES;
/**
 * The glossary may be absent: a record without Korean names still loads and answers in English,
 * and `kb validate` lists every name that lacks its Korean form.
 */
const OPTIONAL_FILES: ReadonlySet<TableFile> = new Set(['glossary.yaml']);

export function loadKnowledge(dir: string): LoadResult {
  const problems: KbProblem[] = [];
  const display = (p: string) => {
    const rel = relative(process.cwd(), p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { ok: false, problems: [{ file: display(dir), line: 0, path: '', message: 'knowledge directory not found' }] };
  }

  const origins = new Map<object, Origin>();
  const files: string[] = [];
  const tables: Partial<Record<TableFile, unknown>> = {};

  const parse = <S extends z.ZodType>(path: string, schema: S): z.infer<S> | undefined => {
    files.push(path);
    const read = readWithinLimits(path, display(path));
    if ('problem' in read) {
      problems.push(read.problem);
      return undefined;
    }
    const yf = new YamlFile(display(path), read.text);
    problems.push(...yf.problems);
    if (yf.problems.length) return undefined;
    const result = schema.safeParse(yf.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const segs = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
        problems.push(yf.problem(segs, describeIssue(issue)));
      }
      return undefined;
    }
    recordOrigins(result.data, yf, [], origins);
    return result.data;
  };

  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (name === 'facts' && statSync(full).isDirectory()) continue;
    if (!/\.ya?ml$/.test(name)) continue;
    if (!(name in TABLE_FILES)) {
      problems.push({
        file: display(full),
        line: 1,
        path: '',
        message: `unknown knowledge file (expected one of ${Object.keys(TABLE_FILES).join(', ')}, or facts/*.yaml)`,
      });
      continue;
    }
    tables[name as TableFile] = parse(full, TABLE_FILES[name as TableFile]);
  }
  for (const name of Object.keys(TABLE_FILES) as TableFile[]) {
    if (!OPTIONAL_FILES.has(name) && !existsSync(join(dir, name))) {
      problems.push({ file: display(join(dir, name)), line: 0, path: '', message: 'required file is missing' });
    }
  }

  const facts: Knowledge['facts'] = [];
  const factsDir = join(dir, 'facts');
  if (existsSync(factsDir)) {
    const names = readdirSync(factsDir)
      .sort()
      .filter((name) => /\.ya?ml$/.test(name));
    if (names.length > MAX_FACT_FILES) {
      problems.push({ file: display(factsDir), line: 0, path: '', message: `${names.length} files, over the limit of ${MAX_FACT_FILES} (none parsed)` });
    } else {
      for (const name of names) {
        const parsed = parse(join(factsDir, name), factsFile);
        if (parsed) facts.push(...parsed.facts);
      }
    }
  }
  if (problems.length) return { ok: false, problems };

  const knowledge: Knowledge = {
    sources: (tables['sources.yaml'] as z.infer<typeof sourcesFile>).sources,
    rounds: (tables['rounds.yaml'] as z.infer<typeof roundsFile>).rounds,
    agreements: (tables['agreements.yaml'] as z.infer<typeof agreementsFile>).agreements,
    contributions: (tables['contributions.yaml'] as z.infer<typeof contributionsFile>).contributions,
    lexicon: tables['lexicon.yaml'] as z.infer<typeof lexiconFile>,
    intents: tables['intents.yaml'] as z.infer<typeof intentsFile>,
    glossary: (tables['glossary.yaml'] as z.infer<typeof glossaryFile> | undefined) ?? { terms: [] },
    facts,
  };
  const crossProblems = crossCheck({ knowledge, origins });
  if (crossProblems.length) return { ok: false, problems: crossProblems };
  return { ok: true, knowledge, files: files.map(display), origins };
}

/** Remembers the file and path of every object in a parsed file (items, milestones, variants…). */
function recordOrigins(value: unknown, file: YamlFile, path: (string | number)[], origins: Map<object, Origin>): void {
  if (value === null || typeof value !== 'object') return;
  origins.set(value, { file, path });
  if (Array.isArray(value)) value.forEach((v, i) => recordOrigins(v, file, [...path, i], origins));
  else for (const [k, v] of Object.entries(value)) recordOrigins(v, file, [...path, k], origins);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing required field (expected ${issue.expected})`;
  if (issue.code === 'invalid_value') return `${issue.message.replace(/^Invalid option: /, '')}`;
  return issue.message;
}

export { formatPath };
