/**
 * K-fold over each fact's phrasings (`sma eval --kfold K`): for fold i, the responder is built
 * from the record with fold i of every fact's phrasings removed, and those held-out phrasings are
 * asked. A held-out phrasing is *routed* when the answer comes from its own fact, *wrong* when
 * another fact answers it, *table* when a table intent answers it, and *unanswered* otherwise
 * ("did you mean", "I don't know"). Phrasing j of a fact is in fold j mod K; the fact's own
 * question stays in every fold, as a fact's title always would.
 */
import { createResponder } from '../core/responder.js';
import type { Fact, Knowledge } from '../knowledge/schema.js';

export interface FoldScore {
  heldOut: number;
  routed: number;
  wrong: number;
  table: number;
  unanswered: number;
}

export interface FoldMiss {
  fold: number;
  factId: string;
  phrasing: string;
  /** What it got instead: another fact's id, a table intent, or the reply's kind. */
  got: string;
  wrong: boolean;
}

export interface KfoldReport {
  k: number;
  folds: FoldScore[];
  total: FoldScore;
  misses: FoldMiss[];
}

const empty = (): FoldScore => ({ heldOut: 0, routed: 0, wrong: 0, table: 0, unanswered: 0 });

const inFold = (j: number, k: number, fold: number) => j % k === fold;
const heldOut = (items: string[], k: number, fold: number) => items.filter((_, j) => inFold(j, k, fold));
const kept = (items: string[], k: number, fold: number) => items.filter((_, j) => !inFold(j, k, fold));

/** The fact without fold i of its phrasings (English, and Korean where it has them). */
function withoutFold(fact: Fact, k: number, fold: number): Fact {
  return {
    ...fact,
    phrasings: kept(fact.phrasings, k, fold),
    ...(fact.ko ? { ko: { ...fact.ko, phrasings: kept(fact.ko.phrasings, k, fold) } } : {}),
  };
}

export function kfold(kb: Knowledge, k: number, now: Date): KfoldReport {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k-fold needs K ≥ 2, got ${k}`);
  const folds: FoldScore[] = [];
  const misses: FoldMiss[] = [];
  for (let fold = 0; fold < k; fold++) {
    const responder = createResponder({ ...kb, facts: kb.facts.map((f) => withoutFold(f, k, fold)) }, { clock: () => now });
    const score = empty();
    for (const fact of kb.facts) {
      for (const phrasing of [...heldOut(fact.phrasings, k, fold), ...heldOut(fact.ko?.phrasings ?? [], k, fold)]) {
        score.heldOut++;
        const a = responder.ask(phrasing);
        if (a.matched && a.factIds.includes(fact.id)) {
          score.routed++;
          continue;
        }
        const other = a.matched && a.factIds.length > 0;
        if (other) score.wrong++;
        else if (a.matched) score.table++;
        else score.unanswered++;
        misses.push({ fold, factId: fact.id, phrasing, got: other ? `fact ${a.factIds.join(', ')}` : a.matched ? `the ${a.intent} table` : a.kind, wrong: other });
      }
    }
    folds.push(score);
  }
  const total = folds.reduce(
    (t, f) => ({ heldOut: t.heldOut + f.heldOut, routed: t.routed + f.routed, wrong: t.wrong + f.wrong, table: t.table + f.table, unanswered: t.unanswered + f.unanswered }),
    empty(),
  );
  return { k, folds, total, misses };
}
