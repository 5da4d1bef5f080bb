/**
 * Question sets in the format of shared/eval/README.md (JSONL: id, q, now?, expect? | abstain?)
 * and the scoring rules: an expect row passes when the reply is `matched` and every pattern
 * matches its text; an abstain row passes when it is not `matched`. A row is answered *wrongly*
 * when the reply is `matched` and does not pass (a pattern fails, or an abstain row was answered):
 * worse than "I don't know", so it is counted over all rows. A file may also hold dialogues
 * (src/eval/dialogues.ts): `readEvalFile` reads both, `readQuestionSet` the question rows alone.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Answer, Responder } from '../core/answer.js';
import { plainText } from '../core/plainText.js';
import { languageOf } from '../core/understand/analyse.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** What one question (or one turn of a dialogue) must get: patterns its answer matches, or no answer. */
export const expectation = z.union([z.object({ q: z.string(), expect: z.array(z.string()).min(1) }).strict(), z.object({ q: z.string(), abstain: z.literal(true) }).strict()]);
const row = z.union([
  z.object({ id: z.string(), q: z.string(), now: day.optional(), expect: z.array(z.string()).min(1) }),
  z.object({ id: z.string(), q: z.string(), now: day.optional(), abstain: z.literal(true) }),
]);
export type QuestionRow = z.infer<typeof row>;
const dialogue = z.object({ id: z.string(), now: day.optional(), turns: z.array(expectation).min(1) });
export type DialogueRow = z.infer<typeof dialogue>;

/** A question set's rows: questions, and dialogues (rows with `turns`), each in file order. */
export function readEvalFile(file: string): { questions: QuestionRow[]; dialogues: DialogueRow[] } {
  const questions: QuestionRow[] = [];
  const dialogues: DialogueRow[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`);
      }
      const isDialogue = typeof json === 'object' && json !== null && 'turns' in json;
      const parsed = isDialogue ? dialogue.safeParse(json) : row.safeParse(json);
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'row'} ${x.message}`).join('; ')}`);
      if (isDialogue) dialogues.push(parsed.data as DialogueRow);
      else questions.push(parsed.data as QuestionRow);
    });
  return { questions, dialogues };
}

/** The question rows of a file; a file of dialogues is refused (its turns are not questions on their own). */
export function readQuestionSet(file: string): QuestionRow[] {
  const { questions, dialogues } = readEvalFile(file);
  if (dialogues.length) throw new Error(`${file}: holds dialogues (rows with "turns"); score it with sma eval`);
  return questions;
}

export interface RowResult {
  row: QuestionRow;
  pass: boolean;
  answer: Answer;
  text: string;
  /** Matched but not passing: a wrong answer, not an abstention. */
  wrong: boolean;
  /** Patterns that did not match (expect rows). */
  missing: string[];
  /** Median answer time; 0 when timing was off. */
  ms: number;
}

export interface Rate {
  passed: number;
  total: number;
  rate: number;
}

export interface EvalReport {
  results: RowResult[];
  /** Passing expect rows over all expect rows. */
  accuracy: Rate;
  /** Passing abstain rows over all abstain rows. */
  abstention: Rate;
  /** Wrongly answered rows over all rows (`passed` counts the wrong ones). */
  wrong: Rate;
  latency: { p50: number; p99: number };
  /** Dialogues whose every turn passed, when the set has dialogues (their turns are rows above). */
  dialogues?: Rate;
}

export interface EvaluateOptions {
  /** Time each answer (five repeats, the median); off for sweeps and gates, where only the scores count. */
  timing?: boolean;
  /** The clock for rows without their own `now`; default the responder's. */
  now?: Date;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const TIMING_REPEATS = 5;

/** Noon UTC of a YYYY-MM-DD day: the clock the CLI's `--now` and the rows' `now` stand for. */
export const atNoon = (day: string) => new Date(`${day}T12:00:00Z`);

export function evaluate(responder: Responder, rows: QuestionRow[], options: EvaluateOptions = {}): EvalReport {
  const timing = options.timing ?? true;
  const results: RowResult[] = rows.map((r) => {
    const now = r.now ? atNoon(r.now) : options.now;
    const answer = responder.ask(r.q, { now });
    // A question's latency is the median of a few repeats, so one garbage-collection pause does not pass for it.
    const times = Array.from({ length: timing ? TIMING_REPEATS : 0 }, () => {
      const t0 = performance.now();
      responder.ask(r.q, { now });
      return performance.now() - t0;
    }).sort((a, b) => a - b);
    return scoreAnswer(r, answer, times[Math.floor(times.length / 2)] ?? 0);
  });
  return summarise(results);
}

/** One row's (or one dialogue turn's) verdict on the answer it got. */
export function scoreAnswer(r: QuestionRow, answer: Answer, ms: number): RowResult {
  const text = plainText(answer);
  const missing = 'expect' in r ? r.expect.filter((p) => !new RegExp(p, 'i').test(text)) : [];
  // A question asked in Korean is answered only by an answer written in Korean (shared/eval/README.md).
  // Source titles are quoted as recorded (often in English) and links are links: the prose around them decides.
  const inLanguage = languageOf(r.q) !== 'ko' || languageOf(answer.text.replace(/"[^"]*"/g, ' ').replace(/https?:\/\/\S+/g, ' ')) === 'ko';
  if (!inLanguage && 'expect' in r) missing.push('(an answer written in Korean)');
  const pass = 'abstain' in r ? !answer.matched : answer.matched && missing.length === 0;
  // Wrong is a wrong answer; a right one in the wrong language is a miss, not wrong.
  const wrong = answer.matched && !pass && (!('expect' in r) || missing.some((m) => !m.startsWith('(')));
  return { row: r, pass, wrong, answer, text, missing, ms };
}

/** The scores of some results: one question set's, or several sets' pooled. */
export function summarise(results: RowResult[]): EvalReport {
  // An empty part scores as nothing failed: accuracy 100%, wrong 0%.
  const rate = (passed: number, total: number, empty: number): Rate => ({ passed, total, rate: total ? passed / total : empty });
  const score = (rs: RowResult[]) => rate(rs.filter((x) => x.pass).length, rs.length, 1);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    results,
    accuracy: score(results.filter((r) => 'expect' in r.row)),
    abstention: score(results.filter((r) => 'abstain' in r.row)),
    wrong: rate(results.filter((r) => r.wrong).length, results.length, 0),
    latency: { p50: percentile(ms, 50), p99: percentile(ms, 99) },
  };
}
