/**
 * `sma store check` and `sma store backup FILE`: the operator's tools for DATA_DIR/sma-bot.sqlite.
 * Both are safe while the bot runs (the check only reads; the backup is SQLite's online backup,
 * which copies a consistent state page by page and starts over if the bot writes meanwhile).
 *
 * - check: opens the file read-only, runs `PRAGMA quick_check` and the schema version check, and
 *   prints the outbox counts. Exit 0 when sound, 1 with every problem otherwise.
 * - backup: writes a consistent copy to FILE (its folder must exist). Restoring is documented in
 *   docs/announcements.md: stop the bot, put the copy in place, remove stale -wal/-shm files.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openSqliteStoreReadOnly, STORE_FILE } from '../../announce/sqliteStore.js';
import { StoreUnavailableError } from '../../announce/store.js';
import type { Config } from '../../config.js';
import { parse, UsageError } from '../args.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function openOrExplain(config: Config) {
  const file = join(config.DATA_DIR, STORE_FILE);
  try {
    const store = openSqliteStoreReadOnly(config.DATA_DIR, { busyWaitMs: 10_000 });
    if (!store) err(`${file} does not exist: the bot creates it on its first start with a platform connected.`);
    return store;
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      err(`${error.location}: ${error.reason}`);
      return undefined;
    }
    throw error;
  }
}

export async function runStoreCheck(args: string[], config: Config): Promise<number> {
  parse(args, {}, false);
  const store = openOrExplain(config);
  if (!store) return 1;
  try {
    const result = await store.check();
    if (!result.ok) {
      err(`${result.location}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found:`);
      for (const p of result.problems) err(`  ${p}`);
      err('Restore a backup (see docs/announcements.md, "Where the state lives, and backups").');
      return 1;
    }
    const c = await store.counts();
    out(`${result.location}: ok (PRAGMA quick_check, schema version current).`);
    out(`Outbox: ${c.pending} pending, ${c.sending} sending, ${c.failed} failed, ${c.expired} expired (${c.sent} sent); ${(await store.subscriptions()).length} subscriptions.`);
    return 0;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    err(`${error.location}: ${error.reason}`);
    return 1;
  } finally {
    await store.close();
  }
}

export async function runStoreBackup(args: string[], config: Config): Promise<number> {
  const { positionals } = parse(args, {}, true);
  const [target, ...extra] = positionals;
  if (!target || extra.length) throw new UsageError('sma store backup takes one argument: the file to write the copy to');
  const file = resolve(target);
  if (!existsSync(dirname(file))) {
    err(`${dirname(file)} does not exist: create the folder first.`);
    return 1;
  }
  if (existsSync(file)) {
    err(`${file} already exists: choose a new file name (a backup never overwrites).`);
    return 1;
  }
  const store = openOrExplain(config);
  if (!store) return 1;
  try {
    const { pages } = await store.backup(file);
    out(`Backed up ${store.location} to ${file} (${pages} pages). Restore: stop the bot, copy it to ${store.location}, remove ${store.location}-wal and -shm.`);
    return 0;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    err(`${error.location}: ${error.reason}`);
    return 1;
  } finally {
    await store.close();
  }
}
