/**
 * The bars that decide between an answer, a "did you mean…" and "I don't know". Confidence is
 * the share of the question a route accounts for (see FactIndex.confidence and intentConfidence),
 * so the bars read as "at least this much of what was asked is understood".
 * Calibrated on the development question set; `sma eval` shows the effect of changing them.
 */
import type { Ranked } from './match/factIndex.js';
import type { Query } from './normalise.js';

/** At or above: answer. */
export const ANSWER_BAR = 0.62;
/** At or above (but below ANSWER_BAR, or two facts too close): ask "did you mean…". */
export const CLARIFY_BAR = 0.45;
/** Facts at or above this are offered as suggestions. */
export const SUGGEST_BAR = 0.3;
/** A winner must lead the runner-up by this much, unless the two are linked as related facts. */
export const MARGIN = 0.05;

/** The operating point: the bars above, injectable so a sweep (`sma eval --sweep`) can try others. */
export interface Thresholds {
  answer: number;
  clarify: number;
  suggest: number;
  margin: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { answer: ANSWER_BAR, clarify: CLARIFY_BAR, suggest: SUGGEST_BAR, margin: MARGIN };

/**
 * A table intent's confidence: its trigger fired, so it starts high, and each content word it
 * does not account for (a subject it cannot answer about) pulls it down. An intent that accounts
 * for every word scores 1 and wins ties with facts: tables, not prose, answer dated questions.
 */
export function intentConfidence(q: Query, explained: Set<string>): number {
  const words = [...new Set(q.content)];
  if (!words.length) return 0.95;
  const unexplained = words.filter((w) => !explained.has(w));
  const unknown = unexplained.filter((w) => q.unknown.includes(w)).length;
  const share = (words.length - unexplained.length) / words.length;
  return Math.max(0, Math.round((0.45 + 0.55 * share * share - 0.2 * unknown) * 1000) / 1000);
}

export function isClearWinner(ranked: Ranked[], margin = MARGIN): boolean {
  const [a, b] = ranked;
  if (!a) return false;
  if (!b) return true;
  if (a.confidence - b.confidence >= margin) return true;
  return a.fact.related.includes(b.fact.id) || b.fact.related.includes(a.fact.id);
}
