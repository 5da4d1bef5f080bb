/**
 * `npm run bench:suite [-- --runs N] [-- --against DIR]`: where `npm test`'s time goes. Each run
 * times its three steps apart (Biome, the type check, vitest) and reads vitest's JSON report for
 * the slowest test files. With `--against DIR` (another checkout of the project, e.g. a
 * `git worktree` of an older commit, its node_modules linked or installed) each run of this tree
 * alternates with one of that tree, so that other work on the machine weighs on both alike; the
 * figures are the medians. The target is `npm test` ≤ 45 s on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_S = 45;
const SLOWEST_FILES = 8;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, against: { type: 'string' } } });
const runs = Number(values.runs);
const trees = [{ name: 'this tree', dir: resolve(import.meta.dirname, '..') }, ...(values.against ? [{ name: 'against', dir: resolve(values.against) }] : [])];

interface Run {
  biome: number;
  tsc: number;
  vitest: number;
  ok: boolean;
  files: { file: string; seconds: number }[];
}

function timed(dir: string, args: string[]): { seconds: number; ok: boolean } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('npx', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, ok: r.status === 0 };
}

function runOnce(dir: string): Run {
  const out = mkdtempSync(join(tmpdir(), 'sma-bench-suite-'));
  try {
    const biome = timed(dir, ['biome', 'check']);
    const tsc = timed(dir, ['tsc', '--noEmit']);
    const report = join(out, 'report.json');
    const vitest = timed(dir, ['vitest', 'run', '--reporter=json', `--outputFile=${report}`]);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; startTime: number; endTime: number }[] };
    const files = json.testResults.map((f) => ({ file: f.name.slice(dir.length + 1), seconds: (f.endTime - f.startTime) / 1000 })).sort((a, b) => b.seconds - a.seconds);
    return { biome: biome.seconds, tsc: tsc.seconds, vitest: vitest.seconds, ok: biome.ok && tsc.ok && vitest.ok, files };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const range = (xs: number[]) => `${median(xs).toFixed(1)} s (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const out = (line: string) => process.stdout.write(`${line}\n`);

const results = new Map(trees.map((t) => [t.name, [] as Run[]]));
const loads: number[] = [];
for (let i = 0; i < runs; i++) {
  for (const t of trees) {
    loads.push(loadavg()[0]!);
    results.get(t.name)!.push(runOnce(t.dir));
  }
}

out(
  `npm test in pieces, ${runs} run${runs === 1 ? '' : 's'} per tree${trees.length > 1 ? ', alternating' : ''}; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} at the starts`,
);
for (const t of trees) {
  const rs = results.get(t.name)!;
  const total = rs.map((r) => r.biome + r.tsc + r.vitest);
  out(`${t.name} (${t.dir}):`);
  out(`  biome check    ${range(rs.map((r) => r.biome))}`);
  out(`  tsc --noEmit   ${range(rs.map((r) => r.tsc))}`);
  out(`  vitest run     ${range(rs.map((r) => r.vitest))}`);
  out(`  npm test       ${range(total)} (target ≤ ${TARGET_S} s: ${median(total) <= TARGET_S ? 'met' : 'NOT met'})${rs.every((r) => r.ok) ? '' : '; SOME RUNS FAILED'}`);
  const last = rs.at(-1)!;
  out(
    `  slowest files of the last run: ${last.files
      .slice(0, SLOWEST_FILES)
      .map((f) => `${f.file} ${f.seconds.toFixed(1)} s`)
      .join(', ')}`,
  );
}
