/**
 * Votes for the console (`npm start` without a platform, `sma chat`), where nothing else opens the
 * store: the same store as the running bot's (Postgres with DATABASE_URL, else DATA_DIR's SQLite
 * file), behind the resilient wrapper, opened on the first vote and not before, so a chat that
 * never votes touches no file and loads no database module.
 */
import { join } from 'node:path';
import { ResilientStore } from '../announce/resilientStore.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { Feedback } from './feedback.js';

export function openConsoleFeedback(
  config: Pick<Config, 'DATA_DIR' | 'CURATION_SECRET'> & Partial<Pick<Config, 'DATABASE_URL'>>,
  logger: Logger,
): { feedback: Feedback; close(): Promise<void> } {
  const url = config.DATABASE_URL;
  const store = new ResilientStore({
    // The SQLite file's name (STORE_FILE) is written out: importing it would load the SQLite module at start.
    location: url ? 'DATABASE_URL' : join(config.DATA_DIR, 'sma-bot.sqlite'),
    open: url
      ? async () => (await import('../announce/postgresStore.js')).PostgresStore.open(url, { max: 1, applicationName: 'sma-bot console' })
      : async () => (await import('../announce/sqliteStore.js')).openCheckedSqliteStore(config.DATA_DIR),
    logger,
  });
  return { feedback: new Feedback({ store, secret: config.CURATION_SECRET, logger }), close: () => store.close() };
}
