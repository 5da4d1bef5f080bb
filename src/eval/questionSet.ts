/**
 * Question sets in the format of shared/eval/README.md (JSONL: id, q, now?, expect? | abstain?)
 * and the scoring rules: an expect row passes when the reply is `matched` and every pattern
 * matches its text; an abstain row passes when it is not `matched`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Answer, Responder } from '../core/answer.js';
import { plainText } from '../core/plainText.js';

const row = z.union([
  z.object({ id: z.string(), q: z.string(), now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), expect: z.array(z.string()).min(1) }),
  z.object({ id: z.string(), q: z.string(), now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), abstain: z.literal(true) }),
]);
export type QuestionRow = z.infer<typeof row>;

export function readQuestionSet(file: string): QuestionRow[] {
  const rows: QuestionRow[] = [];
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
      const parsed = row.safeParse(json);
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'row'} ${x.message}`).join('; ')}`);
      rows.push(parsed.data);
    });
  return rows;
}

export interface RowResult {
  row: QuestionRow;
  pass: boolean;
  answer: Answer;
  text: string;
  /** Patterns that did not match (expect rows). */
  missing: string[];
  ms: number;
}

export interface EvalReport {
  results: RowResult[];
  accuracy: { passed: number; total: number; rate: number };
  abstention: { passed: number; total: number; rate: number };
  latency: { p50: number; p99: number };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const TIMING_REPEATS = 5;

export function evaluate(responder: Responder, rows: QuestionRow[]): EvalReport {
  const results: RowResult[] = rows.map((r) => {
    const now = r.now ? new Date(`${r.now}T12:00:00Z`) : undefined;
    const answer = responder.ask(r.q, { now });
    // A question's latency is the median of a few repeats, so one garbage-collection pause does not pass for it.
    const times = Array.from({ length: TIMING_REPEATS }, () => {
      const t0 = performance.now();
      responder.ask(r.q, { now });
      return performance.now() - t0;
    }).sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    const text = plainText(answer);
    if ('abstain' in r) return { row: r, pass: !answer.matched, answer, text, missing: [], ms };
    const missing = r.expect.filter((p) => !new RegExp(p, 'i').test(text));
    return { row: r, pass: answer.matched && missing.length === 0, answer, text, missing, ms };
  });
  const score = (rs: RowResult[]) => {
    const passed = rs.filter((x) => x.pass).length;
    return { passed, total: rs.length, rate: rs.length ? passed / rs.length : 1 };
  };
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    results,
    accuracy: score(results.filter((r) => 'expect' in r.row)),
    abstention: score(results.filter((r) => 'abstain' in r.row)),
    latency: { p50: percentile(ms, 50), p99: percentile(ms, 99) },
  };
}
