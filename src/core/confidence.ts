/**
 * The operating point, chosen by a recorded sweep on 2026-12-02: `sma eval ../shared/eval/dev-2.jsonl
 * ../shared/eval/dev-ko.jsonl test/data/probe-en.jsonl test/data/probe-ko.jsonl --sweep` (255
 * points on the tuning split of the four sets written independently of the record, 247 rows;
 * objective: the most in-scope answers with at most 2% of rows wrong). Tuning split:
 *   answer 0.55, margin 0.12 (the sweep's choice): accuracy 85.6%, abstention 97.8%, wrong 1.6%
 *   answer 0.55, margin 0.05: 87.1%, 95.7%, 2.02% (just over the 2% bound)
 *   answer 0.60, margin 0.05: 85.1%, 95.7%, 1.6%   <- chosen
 *   answer 0.62, margin 0.05 (the previous bars): 84.6%, 95.7%, 1.6%
 * Margin 0.12 is not taken: it sends seven of the record's own phrasings to "did you mean" (kb
 * check fails) and, on the dialogue set (which the sweep does not take), answers one ambiguous
 * follow-up wrongly; margin 0.02 was refused for the same reason on 2026-12-01 ("sma workers").
 * A wrong answer costs more than a question back, so the margin stays 0.05 and the answer bar
 * moves to the best point the sweep lists with it. Rerun the sweep after changing the router or
 * the record. The holdout sets (test/data/holdout-*.jsonl) were not used to choose.
 *
 * Rerun later on 2026-12-02 over seven sets (dev-2, dev-ko, probe-en, probe-ko, probe3-en,
 * probe3-ko, probe4-en: 453 tuning rows, 281 validation rows):
 *   answer 0.55, margin 0.05 (the sweep's choice, at the 2% bound): tuning 89.0% / 94.9% / 2.0%;
 *     validation 85.6% / 84.7% / 5.3%
 *   answer 0.60, margin 0.05 (kept): tuning 87.9% / 94.9% / 1.8%; validation 83.8% / 89.8% / 3.6%
 * 0.55 is refused: it sits on the bound, and on the rows it was not chosen on it answers 4 more
 * in scope for 5 more wrong.
 *
 * The bars that decide between an answer, a "did you mean…" and "I don't know". Confidence is
 * the share of the question a route accounts for (see FactIndex.confidence and intentConfidence),
 * so the bars read as "at least this much of what was asked is understood".
 * Calibrated on the development question set; `sma eval` shows the effect of changing them.
 */
import type { Ranked } from './match/factIndex.js';

/** At or above: answer. */
export const ANSWER_BAR = 0.6;
/** At or above (but below ANSWER_BAR, or two facts too close): ask "did you mean…". */
export const CLARIFY_BAR = 0.45;
/** Facts at or above this are offered as suggestions. */
export const SUGGEST_BAR = 0.3;
/** A winner must lead the runner-up by this much, unless the two are linked as related facts. */
export const MARGIN = 0.05;

/**
 * At or above, a fact may be given though one English word of the question is one the record never
 * uses (a paraphrase: "send", "pitch", "unusual"), when it is asked the way the fact is (its
 * question words, or a date for "when"); below, that word stays salient and the fact is only
 * offered. Chosen by a sweep on 2026-12-02 over the tuning rows (dev-2's tuning split,
 * test/data/probe-en.jsonl, test/data/probe3-en.jsonl, the record's question table: 561 rows),
 * in-scope answers / wrong rows:
 *   never (the rule before): 392 / 10;  0.75: 393 / 10;  0.70: 395 / 10;
 *   0.65: 396 / 10  <- chosen;  0.60: 397 / 12 ("the weather in Honolulu" answered).
 * Reported, not tuned on, at 0.65 (and never): dev-2's validation split 32/37 in scope, 4/7
 * abstention, 4 wrong (the same); test/data/holdout-en.jsonl 67/95 in scope, 6 wrong (the same).
 */
export const UNEXPLAINED_WORD_BAR = 0.65;

/** The operating point: the bars above, injectable so a sweep (`sma eval --sweep`) can try others. */
export interface Thresholds {
  answer: number;
  clarify: number;
  suggest: number;
  margin: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { answer: ANSWER_BAR, clarify: CLARIFY_BAR, suggest: SUGGEST_BAR, margin: MARGIN };

/**
 * The one score of every route, a fact or a table intent: 0.6 × the weighted share of the
 * question's words it accounts for (coverage), 0.2 × the share of its closest phrasing the question
 * says, 0.2 × fuse.js's Bitap similarity to that phrasing. A table intent has no phrasings: it is
 * generated from the question's own slots, so both of those terms equal its coverage.
 */
export function routeScore(f: { coverage: number; phrasing: number; similarity: number }): number {
  return Math.round((0.6 * f.coverage + 0.2 * f.phrasing + 0.2 * f.similarity) * 1000) / 1000;
}

export function isClearWinner(ranked: Ranked[], margin = MARGIN): boolean {
  const [a, b] = ranked;
  if (!a) return false;
  if (!b) return true;
  if (a.confidence - b.confidence >= margin) return true;
  return a.fact.related.includes(b.fact.id) || b.fact.related.includes(a.fact.id);
}
