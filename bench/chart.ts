/**
 * `npm run bench:chart`: time to draw each chart from the loaded record, spec to PNG (Vega-Lite
 * compile, Vega layout to SVG, resvg with the bundled fonts to PNG): the first (cold) render, then
 * p50/p99 over repeated renders, and where the time goes.
 */
import { performance } from 'node:perf_hooks';
import { loadOrThrow } from '../src/boot.js';
import { drawChart, type ChartRequest } from '../src/chart/index.js';
import { percentile } from '../src/eval/questionSet.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
const kb = loadOrThrow(process.env.KNOWLEDGE_DIR ?? './knowledge');
const requests: [string, ChartRequest][] = [
  ['contributions', { kind: 'contributions' }],
  ['rounds 12', { kind: 'rounds', agreement: 12 }],
  ['rounds 10', { kind: 'rounds', agreement: 10 }],
];

const ms = (n: number) => `${n.toFixed(0)} ms`;
process.stdout.write(`chart render (spec → SVG → PNG), ${REPEAT} renders each after the first\n\n| chart | PNG | cold | p50 | p99 |\n|---|---|---|---|---|\n`);
for (const [name, request] of requests) {
  const t0 = performance.now();
  const first = await drawChart(kb, request);
  const cold = performance.now() - t0;
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    await drawChart(kb, request);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  process.stdout.write(
    `| ${name} | ${first.width}×${first.height}, ${Math.round(first.png.length / 1024)} kB | ${ms(cold)} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} |\n`,
  );
}
