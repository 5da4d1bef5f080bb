/** The figures of the retrieval benchmark: ranking accuracy, how well a score separates in- from out-of-scope, latency. */
import { percentile } from '../../src/eval/questionSet.js';

export interface Asked {
  /** The fact that should come first; undefined for an out-of-scope question. */
  target?: string;
  /** Ranked fact ids, best first, and the top score (0 when nothing came back). */
  ranked: string[];
  top: number;
}

export function topK(rows: Asked[], k: number): number {
  const inScope = rows.filter((r) => r.target);
  return inScope.length ? inScope.filter((r) => r.ranked.slice(0, k).includes(r.target!)).length / inScope.length : 0;
}

/**
 * The chance that an in-scope question's top score beats an out-of-scope one's (ties count
 * half): the area under the ROC curve of the top score as an "answer or abstain" signal.
 */
export function auc(inScope: number[], outOfScope: number[]): number {
  if (!inScope.length || !outOfScope.length) return NaN;
  let wins = 0;
  for (const a of inScope) for (const b of outOfScope) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (inScope.length * outOfScope.length);
}

export interface Operating {
  threshold: number;
  /** In-scope questions answered with their fact (top-1 right and at or above the bar). */
  answered: number;
  /** Out-of-scope questions kept below the bar. */
  abstained: number;
  /** In-scope answered with the wrong fact plus out-of-scope answered at all. */
  wrong: number;
  accuracy: number;
}

/**
 * The best single bar on the top score: an in-scope question counts when its top fact is right
 * and scores at or above the bar, an out-of-scope one when it scores below. Chosen on the very
 * rows it is reported on, so it is the best case, not a validated figure.
 */
export function bestThreshold(rows: Asked[]): Operating {
  const bars = [...new Set(rows.map((r) => r.top))].sort((a, b) => a - b);
  bars.push(Infinity);
  let best: Operating | undefined;
  for (const t of bars) {
    let answered = 0;
    let abstained = 0;
    let wrong = 0;
    for (const r of rows) {
      const over = r.top >= t && r.ranked.length > 0;
      if (r.target) {
        if (over && r.ranked[0] === r.target) answered++;
        else if (over) wrong++;
      } else if (over) wrong++;
      else abstained++;
    }
    const accuracy = (answered + abstained) / rows.length;
    if (!best || accuracy > best.accuracy) best = { threshold: t, answered, abstained, wrong, accuracy };
  }
  return best!;
}

export function latencySummary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
