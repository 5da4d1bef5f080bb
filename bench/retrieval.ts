/**
 * `npm run bench:retrieval`: fact retrieval measured before choosing (issue 9, item 7). Today's
 * FactIndex, MiniSearch (BM25 + fuzzy + prefix), nlp.js's intent classifier and fuse.js, all on
 * the same facts and the same normalisation (the project's Normaliser and loader), compared on:
 *   (i)   k-fold over each fact's question and phrasings: hold a fold out, build from the rest,
 *         ask the held-out ones (top-1, top-3);
 *   (ii)  the development sets' in-scope rows whose expected patterns match exactly one fact's
 *         answer (that fact is the target; the other rows are skipped and counted);
 *   (iii) their out-of-scope rows: how well the top score separates them from the in-scope rows
 *         (AUC, and the best accuracy any single bar on the top score reaches);
 *   (iv)  build time over the whole record, and per-question latency p50/p99 in steady state.
 * (ii) and (iii) read ../shared/eval next to the repository and are skipped, saying so, without it.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadOrThrow } from '../src/boot.js';
import { createResponder } from '../src/core/responder.js';
import type { Normaliser } from '../src/core/normalise.js';
import { readQuestionSet, type QuestionRow } from '../src/eval/questionSet.js';
import type { Fact, Knowledge } from '../src/knowledge/schema.js';
import { APPROACHES, type Approach, type Hit, type Retriever } from './retrieval/approaches.js';
import { auc, bestThreshold, latencySummary, median, topK, type Asked, type Operating } from './retrieval/metrics.js';

const FOLDS = 5;
const LIMIT = 5;
const repo = fileURLToPath(new URL('..', import.meta.url));
const knowledgeDir = process.env.KNOWLEDGE_DIR ?? `${repo}knowledge`;
const evalDir = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const DEV_SETS = ['dev.jsonl', 'dev-2.jsonl'];

const ranked = async (r: Retriever, q: string): Promise<Hit[]> => r.rank(q, LIMIT);
const asked = (hits: Hit[], target?: string): Asked => ({ target, ranked: hits.map((h) => h.factId), top: hits[0]?.score ?? 0 });

/** Fold of a fact's i-th text; the offset spreads each fold's held-out texts over all facts. */
const foldOf = (factNo: number, i: number) => (i + factNo) % FOLDS;

/** The record with fold `fold` of every fact's question and phrasings held out (keywords stay). */
function trainingFacts(facts: Fact[], fold: number): { facts: Fact[]; heldOut: { q: string; target: string }[] } {
  const heldOut: { q: string; target: string }[] = [];
  const kept = facts.map((fact, n) => {
    const texts = [fact.question, ...fact.phrasings];
    const keep = texts.filter((_, i) => foldOf(n, i) !== fold);
    for (const q of texts.filter((_, i) => foldOf(n, i) === fold)) heldOut.push({ q, target: fact.id });
    return { ...fact, question: keep[0]!, phrasings: keep.slice(1) };
  });
  return { facts: kept, heldOut };
}

/** A normaliser that learned its vocabulary (for typo correction) from the training facts only. */
const normaliserFor = (kb: Knowledge, facts: Fact[]): Normaliser => createResponder({ ...kb, facts }).normaliser;

async function kFold(kb: Knowledge, approach: Approach): Promise<Asked[]> {
  const out: Asked[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const { facts, heldOut } = trainingFacts(kb.facts, fold);
    const retriever = await approach.build(facts, normaliserFor(kb, facts));
    for (const h of heldOut) out.push(asked(await ranked(retriever, h.q), h.target));
  }
  return out;
}

/** The dev rows whose expected patterns all match exactly one fact's answer, and the out-of-scope rows. */
function devRows(kb: Knowledge): { targeted: { q: string; target: string }[]; outOfScope: string[]; skipped: number; all: QuestionRow[] } {
  const all = DEV_SETS.flatMap((f) => readQuestionSet(`${evalDir}${f}`));
  const targeted: { q: string; target: string }[] = [];
  const outOfScope: string[] = [];
  let skipped = 0;
  for (const row of all) {
    if ('abstain' in row) {
      outOfScope.push(row.q);
      continue;
    }
    const patterns = row.expect.map((p) => new RegExp(p, 'i'));
    const matching = kb.facts.filter((f) => patterns.every((p) => p.test(f.answer)));
    if (matching.length === 1) targeted.push({ q: row.q, target: matching[0]!.id });
    else skipped++;
  }
  return { targeted, outOfScope, skipped, all };
}

async function timeBuilds(approach: Approach, kb: Knowledge, normaliser: Normaliser): Promise<number> {
  const times: number[] = [];
  const budget = performance.now() + 5000;
  while (times.length < 5 && (times.length < 1 || performance.now() < budget)) {
    const t0 = performance.now();
    await approach.build(kb.facts, normaliser);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Steady state: three warm-up passes, then timed passes within about two seconds (at least one). */
async function timeQuestions(retriever: Retriever, questions: string[]): Promise<{ p50: number; p99: number }> {
  const w0 = performance.now();
  for (let i = 0; i < 3; i++) for (const q of questions) await ranked(retriever, q);
  const perPass = (performance.now() - w0) / 3;
  const passes = Math.max(1, Math.min(50, Math.floor(2000 / Math.max(perPass, 1e-3))));
  const samples: number[] = [];
  for (let i = 0; i < passes; i++) {
    for (const q of questions) {
      const t0 = performance.now();
      await ranked(retriever, q);
      samples.push(performance.now() - t0);
    }
  }
  return latencySummary(samples);
}

interface Result {
  name: string;
  fold: { top1: number; top3: number; n: number };
  dev?: { top1: number; top3: number; n: number; auc: number; bar: Operating; outOfScope: number };
  buildMs: number;
  latency: { p50: number; p99: number };
}

const kb = loadOrThrow(knowledgeDir);
const { normaliser } = createResponder(kb);
const haveShared = DEV_SETS.every((f) => existsSync(`${evalDir}${f}`));
const dev = haveShared ? devRows(kb) : undefined;
const timingQuestions = dev ? dev.all.map((r) => r.q) : kb.facts.flatMap((f) => [f.question, ...f.phrasings]);

const results: Result[] = [];
for (const approach of APPROACHES) {
  process.stderr.write(`measuring ${approach.name}…\n`);
  const folds = await kFold(kb, approach);
  const retriever = await approach.build(kb.facts, normaliser);
  let devResult: Result['dev'];
  if (dev) {
    const inScope = await Promise.all(dev.targeted.map(async (r) => asked(await ranked(retriever, r.q), r.target)));
    const oos = await Promise.all(dev.outOfScope.map(async (q) => asked(await ranked(retriever, q))));
    devResult = {
      top1: topK(inScope, 1),
      top3: topK(inScope, 3),
      n: inScope.length,
      auc: auc(
        inScope.map((r) => r.top),
        oos.map((r) => r.top),
      ),
      bar: bestThreshold([...inScope, ...oos]),
      outOfScope: oos.length,
    };
  }
  results.push({
    name: approach.name,
    fold: { top1: topK(folds, 1), top3: topK(folds, 3), n: folds.length },
    dev: devResult,
    buildMs: await timeBuilds(approach, kb, normaliser),
    latency: await timeQuestions(retriever, timingQuestions),
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => (x >= 10 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(3)} ms`);
const phrasings = results[0]?.fold.n ?? 0;
const lines = [
  `machine load average at the end: ${loadavg()[0]!.toFixed(1)} (timings on a shared machine stretch with it)`,
  `knowledge: ${kb.facts.length} facts; ${FOLDS}-fold over their questions and phrasings (${phrasings} held-out questions in all, keywords always indexed)`,
  dev
    ? `dev sets (${DEV_SETS.join(', ')} in ${evalDir}): ${dev.targeted.length} in-scope rows with exactly one target fact (${dev.skipped} other in-scope rows skipped: their patterns match no fact's answer or several), ${dev.outOfScope.length} out-of-scope rows`
    : `dev sets: ${evalDir} not found; the dev-set and out-of-scope columns are skipped`,
  `latency over ${timingQuestions.length} questions (${dev ? 'every dev-set row' : 'every fact question and phrasing'}), steady state after three warm-up passes; build = index over all ${kb.facts.length} facts (median of up to 5)`,
  '',
  '| approach | k-fold top-1 | k-fold top-3 | dev top-1 | dev top-3 | AUC in vs out of scope | best single bar: right (answered + abstained) / wrong | build | p50 | p99 |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const d = r.dev;
    const devCols = d
      ? [pct(d.top1), pct(d.top3), d.auc.toFixed(3), `${pct(d.bar.accuracy)} (${d.bar.answered}/${d.n} + ${d.bar.abstained}/${d.outOfScope}) / ${d.bar.wrong} wrong`]
      : ['skipped', 'skipped', 'skipped', 'skipped'];
    return `| ${r.name} | ${pct(r.fold.top1)} | ${pct(r.fold.top3)} | ${devCols.join(' | ')} | ${ms(r.buildMs)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} |`;
  }),
  '',
  'The best single bar is chosen on the rows it is scored on (a best case, not a validated operating point). Retrieval only: table intents (rounds, agreements, years) are not asked here.',
  '',
];
process.stdout.write(lines.join('\n'));
