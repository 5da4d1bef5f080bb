/**
 * `npm start` (src/main.ts) as a new user runs it, with no platform credentials: the process npm's
 * start script execs (node with tsx's loader), without npm itself or the tsx command's extra process.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'sma-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NO_PLATFORMS = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' };
function start(input: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, ...NO_PLATFORMS, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm start', () => {
  it('without credentials opens the console chat, says in one line how to connect Slack and Discord, and answers', () => {
    const r = start('How much did Korea pay in 2019?\n', { SMA_NOW: '2019-06-01' });
    expect(r.code).toBe(0);
    const [hint, ...rest] = r.out.split('\n');
    expect(hint).toMatch(/^Local console chat\. To connect Slack set SLACK_BOT_TOKEN .* for Discord set DISCORD_TOKEN/);
    expect(rest.join('\n')).toMatch(/1\.0389 trillion won/);
  });

  it('refuses to start on a broken knowledge base and says where', () => {
    const dir = join(tmp, 'kb');
    cpSync(join(ROOT, 'test/fixtures/kb-minimal'), dir, { recursive: true });
    writeFileSync(join(dir, 'rounds.yaml'), 'rounds:\n  - id: r1\n');
    const r = start('', { KNOWLEDGE_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/sma-bot cannot start: The knowledge base has \d+ problems?:/);
    expect(r.err).toContain(`${dir}/rounds.yaml:2 rounds[0].agreement: missing required field`);
    expect(r.out).toBe('');
  });
});
