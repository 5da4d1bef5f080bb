/**
 * `npm run bench:chart`: time to draw each chart from the loaded record, spec to PNG (Vega-Lite
 * compile, Vega layout to SVG, the fonts cut down to the chart's characters, resvg to PNG), in
 * English and in Korean: the first (cold) render, then p50/p99 over repeated renders. The cold
 * render makes the font subsets (or finds them from an earlier run in the temporary folder):
 * `BENCH_FRESH_FONTS=1` removes those first, to time a first start. The CPU column is the
 * process's CPU time per render (user + system): on a shared machine wall time waits for other
 * work, CPU time much less so.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOrThrow } from '../src/boot.js';
import { drawChart, type ChartRequest } from '../src/chart/index.js';
import type { ChartLanguage } from '../src/chart/labels.js';
import { percentile } from '../src/eval/questionSet.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
if (process.env.BENCH_FRESH_FONTS === '1') rmSync(join(tmpdir(), 'sma-bot-chart-fonts'), { recursive: true, force: true });
const kb = loadOrThrow(process.env.KNOWLEDGE_DIR ?? './knowledge');
const requests: [string, ChartRequest][] = [
  ['contributions', { kind: 'contributions' }],
  ['rounds 12', { kind: 'rounds', agreement: 12 }],
  ['rounds 10', { kind: 'rounds', agreement: 10 }],
];
const languages: ChartLanguage[] = ['en', 'ko'];

const ms = (n: number) => `${n.toFixed(0)} ms`;
process.stdout.write(
  `chart render (spec → SVG → PNG), ${REPEAT} renders each after the first\n\n| chart | language | PNG | cold | p50 | p99 | CPU p50 |\n|---|---|---|---|---|---|---|\n`,
);
for (const language of languages) {
  for (const [name, request] of requests) {
    const t0 = performance.now();
    const first = await drawChart(kb, request, language);
    const cold = performance.now() - t0;
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      await drawChart(kb, request, language);
      const used = process.cpuUsage(c);
      samples.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    samples.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    process.stdout.write(
      `| ${name} | ${language} | ${first.width}×${first.height}, ${Math.round(first.png.length / 1024)} kB | ${ms(cold)} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} | ${ms(percentile(cpu, 50))} |\n`,
    );
  }
}
