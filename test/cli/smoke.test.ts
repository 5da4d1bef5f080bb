/**
 * The `sma` process itself, once: the entry point runs `main`, writes the answer to stdout and
 * sets the exit code. Everything else about the CLI is tested in-process (cli.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('the sma process', () => {
  it('answers a question and exits 0; a usage error exits 2', () => {
    const run = (args: string[]) => spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: './knowledge' } });
    const ok = run(['ask', '--json', 'How much did Korea pay in 2019?']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ matched: true, text: expect.stringMatching(/1\.0389 trillion won/) });
    const bad = run(['frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
