/**
 * Accuracy gates: the least in-scope accuracy and abstention, and the most wrong answers, a
 * question set may score (percentages, as on the command line and in test/eval/gates.json).
 */
import type { EvalReport } from './questionSet.js';

export interface Gates {
  minAccuracy?: number;
  minAbstention?: number;
  maxWrong?: number;
  /** Dialogues whose every turn passed (sets with dialogues only). */
  minDialogues?: number;
}

export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

// Rates are compared in percent with a hair of slack, so 0.748 × 100 = 74.80000000000001 passes a 74.8 gate.
const EPSILON = 1e-9;

/** One line per gate the report fails; empty when it passes them all. */
export function gateFailures(report: EvalReport, gates: Gates): string[] {
  const out: string[] = [];
  const { accuracy, abstention, wrong } = report;
  if (gates.minAccuracy !== undefined && accuracy.rate * 100 + EPSILON < gates.minAccuracy) {
    out.push(`in-scope accuracy ${percent(accuracy.rate)} (${accuracy.passed}/${accuracy.total}) is below the minimum ${gates.minAccuracy}%`);
  }
  if (gates.minAbstention !== undefined && abstention.rate * 100 + EPSILON < gates.minAbstention) {
    out.push(`abstention ${percent(abstention.rate)} (${abstention.passed}/${abstention.total}) is below the minimum ${gates.minAbstention}%`);
  }
  if (gates.maxWrong !== undefined && wrong.rate * 100 - EPSILON > gates.maxWrong) {
    out.push(`wrong answers ${percent(wrong.rate)} (${wrong.passed}/${wrong.total}) are above the maximum ${gates.maxWrong}%`);
  }
  const { dialogues } = report;
  if (gates.minDialogues !== undefined && dialogues && dialogues.rate * 100 + EPSILON < gates.minDialogues) {
    out.push(`dialogues passed ${percent(dialogues.rate)} (${dialogues.passed}/${dialogues.total}) are below the minimum ${gates.minDialogues}%`);
  }
  return out;
}
