/**
 * `sma report [--since 30d|YYYY-MM-DD] [--json] [--phrasings]`: the curators' report from the
 * bot's store (Postgres with DATABASE_URL, else DATA_DIR/sma-bot.sqlite opened read-only, safe
 * while the bot runs). `--json` prints the report object (format in the README); `--phrasings`
 * prints the picks from "did you mean" as YAML to paste under the facts, checked against the
 * record (`sma kb check` passes with them). The period never reaches back past
 * QUESTION_LOG_RETENTION_DAYS, and the clock is the real one (not SMA_NOW).
 */
import { join } from 'node:path';
import type { BotStore } from '../../announce/resilientStore.js';
import { STORE_FILE } from '../../announce/sqliteStore.js';
import { StoreUnavailableError } from '../../announce/store.js';
import type { Config } from '../../config.js';
import { buildReport, parseSince } from '../../curation/report.js';
import { reportText } from '../../curation/reportText.js';
import type { FeedbackStore } from '../../curation/types.js';
import { loadRecord } from '../responder.js';
import { parse, UsageError, type CliIO } from '../args.js';

const DEFAULT_SINCE = '30d';

export async function runReport(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { since: { type: 'string' }, json: { type: 'boolean' }, phrasings: { type: 'boolean' } }, false);
  if (values.json && values.phrasings) throw new UsageError('sma report takes --json or --phrasings, not both');
  const now = new Date();
  const since = parseSince(values.since ?? DEFAULT_SINCE, now);
  if (!since) throw new UsageError(`--since expects a number of days such as 30d, or a date as YYYY-MM-DD, got "${values.since}"`);

  const store = await openStore(config, io);
  if (!store) return 1;
  try {
    const kb = await loadRecord(config.KNOWLEDGE_DIR);
    const report = await buildReport(
      { questions: store, deliveries: store, ...feedbackOf(store) },
      { since, now, retentionDays: config.QUESTION_LOG_RETENTION_DAYS, questionLog: config.QUESTION_LOG, knowledge: kb },
    );
    if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (values.phrasings) {
      const { phrasingCandidates, phrasingsYaml } = await import('../../curation/phrasings.js');
      io.stdout.write(phrasingsYaml(phrasingCandidates(kb, report.picks), report.period));
    } else io.stdout.write(`${reportText(report)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.stderr.write(`${error.location}: ${error.reason}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

async function openStore(config: Config, io: CliIO): Promise<BotStore | undefined> {
  try {
    if (config.DATABASE_URL) {
      const { PostgresStore } = await import('../../announce/postgresStore.js');
      return await PostgresStore.open(config.DATABASE_URL, { max: 1, applicationName: 'sma report' });
    }
    const { openSqliteStoreReadOnly } = await import('../../announce/sqliteStore.js');
    const store = openSqliteStoreReadOnly(config.DATA_DIR, { busyWaitMs: 10_000 });
    if (!store) io.stderr.write(`${join(config.DATA_DIR, STORE_FILE)} does not exist: the bot creates it on its first start with a platform connected.\n`);
    return store;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.stderr.write(`${error.location}: ${error.reason}\n`);
    return undefined;
  }
}

/** The votes, where the store keeps them (the feedback buttons' table). */
function feedbackOf(store: BotStore): { feedback?: FeedbackStore } {
  const maybe = store as BotStore & Partial<FeedbackStore>;
  return typeof maybe.votes === 'function' ? { feedback: maybe as FeedbackStore } : {};
}
