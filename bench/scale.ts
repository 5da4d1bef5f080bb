/**
 * `npm run bench:scale [-- --facts N] [-- --strict]`: today's router (createResponder) on a
 * generated record of 10,000 facts (bench/generateRecord.ts) with the real tables: how long the
 * index takes to build, and per-question latency, against the targets build < 2 s and p99 < 10 ms.
 * Latency is measured two ways: the first time each question is asked (what a user typing
 * something new waits, typo look-ups included) and in steady state (the same questions asked
 * again). With ../shared/eval present it also asks the development sets of the real facts
 * mixed into the big record, to show what the extra facts do to real answers. `--strict` exits
 * with code 1 when a target is missed. `--compare` also times building the other retrieval
 * approaches of bench:retrieval over the same generated facts (nlp.js only up to 1,000 facts:
 * its training takes minutes beyond).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadOrThrow } from '../src/boot.js';
import { createResponder } from '../src/core/responder.js';
import { FactIndex } from '../src/core/match/factIndex.js';
import { Normaliser } from '../src/core/normalise.js';
import { evaluate, percentile, readQuestionSet } from '../src/eval/questionSet.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { generateRecord } from './generateRecord.js';
import { APPROACHES } from './retrieval/approaches.js';

const BUILD_TARGET_MS = 2000;
const P99_TARGET_MS = 10;
const args = process.argv.slice(2);
const factsArg = args.indexOf('--facts');
const COUNT = factsArg >= 0 ? Number(args[factsArg + 1]) : 10_000;
const strict = args.includes('--strict');
const compare = args.includes('--compare');
const NLPJS_MAX_FACTS = 1000;
if (!Number.isInteger(COUNT) || COUNT < 1) {
  process.stderr.write('usage: bench/scale.ts [--facts N] [--strict] [--compare]\n');
  process.exit(2);
}
const repo = fileURLToPath(new URL('..', import.meta.url));
const evalDir = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const DEV_SETS = ['dev.jsonl', 'dev-2.jsonl'].map((f) => `${evalDir}${f}`);
const base = loadOrThrow(process.env.KNOWLEDGE_DIR ?? `${repo}knowledge`);

const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall clock and CPU time of `f` (the CPU time stretches less when other work shares the machine). */
function timed(f: () => void): Timing {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const d = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}

const medianOf = (runs: Timing[]): Timing => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) });

/**
 * The whole responder (normaliser, vocabulary, both indexes), each time over a fresh copy of the
 * record, as a load builds it (what is kept per fact object cannot help a later build): first the
 * cold build, the first in the process, as at start-up; then the median of three more, as a
 * knowledge reload in a running bot. And the English fact index alone, over a fresh copy and a
 * normaliser that has learned nothing, so it tokenises its own texts.
 */
function timeBuild(kb: Knowledge): { cold: Timing; warm: Timing; index: Timing } {
  const copies = Array.from({ length: 4 }, () => structuredClone(kb));
  const cold = timed(() => createResponder(copies[0]!));
  const warm = medianOf(copies.slice(1).map((copy) => timed(() => createResponder(copy))));
  const index = medianOf(
    Array.from({ length: 3 }, () => {
      const copy = structuredClone(kb);
      return timed(() => new FactIndex(copy.facts, new Normaliser(copy.lexicon)));
    }),
  );
  return { cold, warm, index };
}

const t0 = performance.now();
const { knowledge: big, probes } = generateRecord(base, COUNT);
const generatedMs = performance.now() - t0;
const build = timeBuild(big);
const responder = createResponder(big);

// Questions: a new wording of every 10th generated fact (30% with a typo), and the real facts' own questions.
const asked = probes.filter((_, i) => i % 10 === 0);
const real = base.facts.flatMap((f) => [f.question, ...f.phrasings]);
const questions = [...asked.map((p) => p.q), ...real];
// Warm-up on wordings of other facts, so the first-ask figures are the JIT's steady code on unseen questions.
for (const p of probes.filter((_, i) => i % 10 === 5).slice(0, 300)) responder.ask(p.q);

const first: number[] = [];
for (const q of questions) {
  const s = performance.now();
  responder.ask(q);
  first.push(performance.now() - s);
}
const steady: number[] = [];
for (let pass = 0; pass < 5; pass++) {
  for (const q of questions) {
    const s = performance.now();
    responder.ask(q);
    steady.push(performance.now() - s);
  }
}
first.sort((a, b) => a - b);
steady.sort((a, b) => a - b);
const own = asked.filter((p) => {
  const a = responder.ask(p.q);
  return a.matched && a.factIds[0] === p.factId;
}).length;

const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const buildOk = build.cold.wall < BUILD_TARGET_MS && build.warm.wall < BUILD_TARGET_MS;
const p99Ok = percentile(first, 99) < P99_TARGET_MS && percentile(steady, 99) < P99_TARGET_MS;
const lines = [
  `machine load average at the end: ${loadavg()[0]!.toFixed(1)} (timings on a shared machine stretch with it)`,
  `generated record: ${big.facts.length} facts (${big.facts.reduce((n, f) => n + f.phrasings.length, 0)} phrasings) on the real tables, in ${ms(generatedMs)}`,
  '',
  '| measure | value | target |',
  '|---|---|---|',
  `| build, cold (the first in the process): createResponder (normaliser, vocabulary, both indexes), wall / CPU | ${ms(build.cold.wall)} / ${ms(build.cold.cpu)} | < ${BUILD_TARGET_MS} ms: ${verdict(build.cold.wall < BUILD_TARGET_MS)} |`,
  `| build, a reload (median of 3 more, each on a fresh copy), wall / CPU | ${ms(build.warm.wall)} / ${ms(build.warm.cpu)} | < ${BUILD_TARGET_MS} ms: ${verdict(build.warm.wall < BUILD_TARGET_MS)} |`,
  `| build: the English FactIndex alone, tokenising its texts (median of 3), wall / CPU | ${ms(build.index.wall)} / ${ms(build.index.cpu)} | |`,
  `| first ask, p50 / p99 / max (${questions.length} questions) | ${ms(percentile(first, 50))} / ${ms(percentile(first, 99))} / ${ms(first.at(-1)!)} | p99 < ${P99_TARGET_MS} ms: ${verdict(percentile(first, 99) < P99_TARGET_MS)} |`,
  `| steady state, p50 / p99 (5 passes) | ${ms(percentile(steady, 50))} / ${ms(percentile(steady, 99))} | p99 < ${P99_TARGET_MS} ms: ${verdict(percentile(steady, 99) < P99_TARGET_MS)} |`,
  `| new wordings answered with their own generated fact | ${own}/${asked.length} (${((own / asked.length) * 100).toFixed(1)}%) | (a check that the generated record is searchable, not a target) |`,
];

if (DEV_SETS.every((f) => existsSync(f))) {
  const rows = DEV_SETS.flatMap((f) => readQuestionSet(f));
  const mixed = generateRecord(base, COUNT, undefined, true).knowledge;
  const score = (kb: Knowledge) => evaluate(createResponder(kb), rows);
  const [alone, crowded] = [score(base), score(mixed)];
  const rate = (s: { passed: number; total: number }) => `${s.passed}/${s.total}`;
  lines.push(
    '',
    `development sets (${rows.length} rows) with the real facts alone, and with the real facts among ${COUNT} generated ones:`,
    '',
    '| record | in-scope | abstention | p99 |',
    '|---|---|---|---|',
    `| real (${base.facts.length} facts) | ${rate(alone.accuracy)} | ${rate(alone.abstention)} | ${ms(alone.latency.p99)} |`,
    `| real + generated (${mixed.facts.length} facts) | ${rate(crowded.accuracy)} | ${rate(crowded.abstention)} | ${ms(crowded.latency.p99)} |`,
  );
} else {
  lines.push('', `development sets: ${evalDir} not found; the real-questions comparison is skipped`);
}
if (compare) {
  lines.push(
    '',
    `building each retrieval approach of bench:retrieval over the ${big.facts.length} generated facts (one build each, the normaliser shared):`,
    '',
    '| approach | build, wall / CPU |',
    '|---|---|',
  );
  for (const approach of APPROACHES) {
    if (approach.name.startsWith('nlp.js') && big.facts.length > NLPJS_MAX_FACTS) {
      lines.push(`| ${approach.name} | skipped above ${NLPJS_MAX_FACTS} facts (training takes minutes) |`);
      continue;
    }
    const c = process.cpuUsage();
    const t = performance.now();
    await approach.build(big.facts, responder.normaliser);
    const cpu = process.cpuUsage(c);
    lines.push(`| ${approach.name} | ${ms(performance.now() - t)} / ${ms((cpu.user + cpu.system) / 1000)} |`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
if (strict && !(buildOk && p99Ok)) process.exit(1);
