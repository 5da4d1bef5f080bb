/**
 * `sma store check` and `sma store backup FILE` on real SQLite files in a temporary DATA_DIR, run
 * in-process (the commands' own functions, their stdout/stderr and exit codes): a sound store, a
 * corrupt one, a backup taken while the bot's connection is open and writing, and the restore the
 * announcements guide describes.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCheckedSqliteStore, openSqliteStore, STORE_FILE } from '../../src/announce/sqliteStore.js';
import { runStoreBackup, runStoreCheck } from '../../src/cli/commands/store.js';
import { parseConfig } from '../../src/config.js';
import { corruptHeader, corruptPages, slackChannel, tempDir } from '../announce/helpers.js';

let tmp: ReturnType<typeof tempDir>;
let dataDir: string;
let out: string;
let err: string;

beforeEach(() => {
  tmp = tempDir('sma-cli-store-');
  dataDir = join(tmp.dir, 'data');
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  tmp.remove();
});

const config = () => parseConfig({ DATA_DIR: dataDir });

async function seed(channels: number) {
  const store = openSqliteStore(dataDir);
  for (let i = 0; i < channels; i++) await store.subscribe(slackChannel(`C${String(i).padStart(8, '0')}`));
  return store;
}

describe('sma store check', () => {
  it('a sound store: "ok", the counts, exit 0', async () => {
    await (await seed(3)).close();
    expect(await runStoreCheck([], config())).toBe(0);
    expect(out).toContain(`${join(dataDir, STORE_FILE)}: ok (PRAGMA quick_check, schema version current).`);
    expect(out).toContain('3 subscriptions');
  });

  it('corrupt pages: every problem, the way out, exit 1; the bot would not open it either', async () => {
    await (await seed(400)).close();
    corruptPages(join(dataDir, STORE_FILE));
    expect(await runStoreCheck([], config())).toBe(1);
    expect(err).toMatch(/corrupt|problem/);
    expect(err).toContain(join(dataDir, STORE_FILE));
    await expect(openCheckedSqliteStore(dataDir)).rejects.toThrow(/the database file is corrupt: restore a backup/);
  });

  it('a damaged header ("file is not a database") and a missing store: the file and the reason, exit 1', async () => {
    await (await seed(1)).close();
    corruptHeader(join(dataDir, STORE_FILE));
    expect(await runStoreCheck([], config())).toBe(1);
    expect(err).toContain(`${join(dataDir, STORE_FILE)}: the database file is corrupt: restore a backup`);
    expect(err).toContain('SQLITE_NOTADB');
    rmSync(dataDir, { recursive: true });
    err = '';
    expect(await runStoreCheck([], config())).toBe(1);
    expect(err).toContain('does not exist');
  });
});

describe('sma store backup FILE', () => {
  it('copies a consistent state while the bot holds the file open and writes; the copy restores', async () => {
    const live = await seed(50);
    mkdirSync(join(tmp.dir, 'backups'));
    const file = join(tmp.dir, 'backups', 'copy.sqlite');
    const writing = (async () => {
      for (let i = 50; i < 100; i++) await live.subscribe(slackChannel(`C${String(i).padStart(8, '0')}`));
    })();
    expect(await runStoreBackup([file], config())).toBe(0);
    await writing;
    expect(out).toContain(`to ${file}`);

    // Restore as the guide says: stop the bot, put the copy in place (no stale -wal/-shm).
    await live.close();
    const restored = join(tmp.dir, 'restored');
    mkdirSync(restored);
    copyFileSync(file, join(restored, STORE_FILE));
    const store = await openCheckedSqliteStore(restored);
    const n = (await store.subscriptions()).length;
    expect(n).toBeGreaterThanOrEqual(50);
    expect(n).toBeLessThanOrEqual(100);
    await store.close();
  });

  it('never overwrites, and wants one file name', async () => {
    await (await seed(1)).close();
    const file = join(tmp.dir, 'exists.sqlite');
    copyFileSync(join(dataDir, STORE_FILE), file);
    expect(await runStoreBackup([file], config())).toBe(1);
    expect(err).toContain('already exists');
    await expect(runStoreBackup([], config())).rejects.toThrow(/one argument/);
    expect(existsSync(join(tmp.dir, 'nowhere'))).toBe(false);
    expect(await runStoreBackup([join(tmp.dir, 'nowhere', 'x.sqlite')], config())).toBe(1);
  });
});
