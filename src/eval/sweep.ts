/**
 * The threshold sweep behind `sma eval FILE… --sweep`: every operating point of a grid of the
 * router's bars is scored on the question sets' tuning split, one point is chosen by a stated
 * objective, and that point is then reported on the validation split it was not chosen on.
 */
import type { RecordResponder } from '../core/responder.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../core/confidence.js';
import { evaluate, type EvalReport, type QuestionRow, type Rate } from './questionSet.js';

/** The grid: edit here to sweep other values (a point needs clarify ≤ answer and suggest ≤ clarify). */
export const SWEEP_GRID = {
  answer: [0.45, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9],
  clarify: [0.3, 0.4, 0.45, 0.5, 0.6],
  suggest: [DEFAULT_THRESHOLDS.suggest],
  margin: [0, 0.02, 0.05, 0.08, 0.12],
};
export type Grid = { [K in keyof Thresholds]: number[] };

/** The most wrong answers (percent of all rows) a chosen point may give. */
export const DEFAULT_MAX_WRONG = 2;

export const OBJECTIVE =
  "the highest in-scope accuracy among the points with wrong ≤ the maximum; ties go to higher abstention, then fewer wrong, then the point nearest today's bars. When no point is within the maximum, the fewest wrong.";

export interface PointScore {
  point: Thresholds;
  accuracy: Rate;
  abstention: Rate;
  wrong: Rate;
}

export function gridPoints(grid: Grid = SWEEP_GRID): Thresholds[] {
  const points: Thresholds[] = [];
  for (const answer of grid.answer)
    for (const clarify of grid.clarify)
      for (const suggest of grid.suggest) for (const margin of grid.margin) if (clarify <= answer && suggest <= clarify) points.push({ answer, clarify, suggest, margin });
  return points;
}

/**
 * One point's scores on some rows (rows without `now` are answered at `now`). The responder is
 * built once for all points: only its bars change (building it costs far more than asking).
 */
export function scorePoint(responder: RecordResponder, point: Thresholds, rows: QuestionRow[], now: Date): PointScore {
  return scoreOf(point, evaluate(responder.withThresholds(point), rows, { timing: false, now }));
}

const scoreOf = (point: Thresholds, r: EvalReport): PointScore => ({ point, accuracy: r.accuracy, abstention: r.abstention, wrong: r.wrong });

export function sweep(responder: RecordResponder, rows: QuestionRow[], now: Date, grid: Grid = SWEEP_GRID): PointScore[] {
  return gridPoints(grid).map((p) => scorePoint(responder, p, rows, now));
}

const distance = (p: Thresholds, q: Thresholds) =>
  Math.abs(p.answer - q.answer) + Math.abs(p.clarify - q.clarify) + Math.abs(p.suggest - q.suggest) + Math.abs(p.margin - q.margin);

/** The point the objective (OBJECTIVE) picks; maxWrong in percent. */
export function choose(scores: PointScore[], maxWrong = DEFAULT_MAX_WRONG): PointScore | undefined {
  const within = scores.filter((s) => s.wrong.rate * 100 <= maxWrong + 1e-9);
  const pool = within.length ? within : scores;
  const better = (a: PointScore, b: PointScore): number =>
    within.length
      ? b.accuracy.rate - a.accuracy.rate ||
        b.abstention.rate - a.abstention.rate ||
        a.wrong.rate - b.wrong.rate ||
        distance(a.point, DEFAULT_THRESHOLDS) - distance(b.point, DEFAULT_THRESHOLDS)
      : a.wrong.rate - b.wrong.rate ||
        b.accuracy.rate - a.accuracy.rate ||
        b.abstention.rate - a.abstention.rate ||
        distance(a.point, DEFAULT_THRESHOLDS) - distance(b.point, DEFAULT_THRESHOLDS);
  return [...pool].sort(better)[0];
}
