/**
 * `npm run bench:startup [-- --runs N] [-- --npm-test N]`: how long `sma ask` takes to answer one
 * question as a fresh process, against `tsx -e 0` (the cost of starting tsx at all), as medians of
 * N alternating runs so that other work on the machine weighs on both alike. The target is at most
 * 1.5× `tsx -e 0`. With `--npm-test N` it also times N whole `npm test` runs (type check and the
 * suite; target ≤ 45 s on 2 cores).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const QUESTION = 'How much did Korea pay in 2019?';
const TARGET_RATIO = 1.5;
const TEST_TARGET_S = 45;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, 'npm-test': { type: 'string', default: '0' } } });
const runs = Number(values.runs);
const testRuns = Number(values['npm-test']);

function seconds(command: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: './knowledge' } });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`);
  return s;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (xs: number[]) => `median ${median(xs).toFixed(2)} s (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;

// One untimed run of each first: tsx's transform cache, the record's snapshot and the words its build
// learned (node_modules/.cache/sma-bot) are then warm, as they are for anyone who ran the CLI once.
seconds(TSX, ['-e', '0']);
seconds(TSX, ['src/cli/main.ts', 'ask', QUESTION]);
const loadBefore = loadavg()[0]!;
const base: number[] = [];
const ask: number[] = [];
for (let i = 0; i < runs; i++) {
  base.push(seconds(TSX, ['-e', '0']));
  ask.push(seconds(TSX, ['src/cli/main.ts', 'ask', QUESTION]));
}
const ratio = median(ask) / median(base);
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`start-up, ${runs} alternating runs each (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after: the ratio is what counts):`);
out(`  tsx -e 0                 ${fmt(base)}`);
out(`  sma ask "${QUESTION}"  ${fmt(ask)}`);
out(`  ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`);

if (testRuns > 0) {
  const tests: number[] = [];
  for (let i = 0; i < testRuns; i++) tests.push(seconds('npm', ['test', '--silent']));
  out(`npm test, ${testRuns} runs: ${fmt(tests)} (target ≤ ${TEST_TARGET_S} s: ${median(tests) <= TEST_TARGET_S ? 'met' : 'NOT met'})`);
}
