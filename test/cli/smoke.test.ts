/**
 * The `sma` process itself, once: the entry point runs `main` and writes the answer to stdout.
 * Everything else about the CLI, exit codes included, is tested in-process (cli.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('the sma process', () => {
  it('answers a question as a fresh process and exits 0', () => {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'ask', '--json', 'How much did Korea pay in 2019?'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: './knowledge' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ matched: true, text: expect.stringMatching(/1\.0389 trillion won/) });
  });
});
