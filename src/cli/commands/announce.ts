/**
 * `sma announce --dry-run [--now YYYY-MM-DD]`: what the knowledge in KNOWLEDGE_DIR would announce
 * against the last announced state in DATA_DIR, to which channels, and the outbox of deliveries
 * not yet sent. Reads the store read-only (safe while the bot runs) and writes nothing.
 *
 * There is no "announce for real" here on purpose: the running bot (`npm start`) announces by
 * itself when knowledge/ changes (or at once on SIGHUP), and it alone holds the platform clients
 * that deliver. A second writer would only race it; `--dry-run` is required so that nobody
 * expects this command to post.
 */
import { join } from 'node:path';
import { Announcer } from '../../announce/announcer.js';
import type { AnnouncementEvent } from '../../announce/events.js';
import { openSqliteStoreReadOnly, STORE_FILE } from '../../announce/sqliteStore.js';
import type { Delivery } from '../../announce/store.js';
import { fixedChannels } from '../../announce/subscriptions.js';
import { loadRecord } from '../responder.js';
import type { Config } from '../../config.js';
import { sourceLine } from '../../core/plainText.js';
import { silentLogger } from '../../log.js';
import { checkDate, parse, UsageError, type CliIO } from '../args.js';

const OUTBOX_SHOWN = 50;

export async function runAnnounce(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { 'dry-run': { type: 'boolean' }, now: { type: 'string' } }, false);
  if (!values['dry-run']) {
    throw new UsageError(
      'sma announce only previews: add --dry-run. The running bot (npm start) announces by itself when the knowledge changes; send it SIGHUP to reload at once.',
    );
  }
  const day = checkDate(values.now);
  const now = day ? new Date(`${day}T12:00:00Z`) : new Date();
  const kb = await loadRecord(config.KNOWLEDGE_DIR);
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const file = join(config.DATA_DIR, STORE_FILE);

  const store = openSqliteStoreReadOnly(config.DATA_DIR);
  if (!store) {
    out(`No announcement state yet (${file} does not exist).`);
    out("The bot's first start takes the current knowledge as the baseline: nothing is announced then, only later changes.");
    return 0;
  }
  try {
    const announcer = new Announcer({ store, logger: silentLogger, fixedChannels: fixedChannels(config), reminderHours: config.ANNOUNCE_REMINDER_HOURS, now: () => now });
    const preview = await announcer.preview(kb);
    const channels = await announcer.channels();
    const count = (p: string) => channels.filter((c) => c.platform === p).length;
    out(`State: ${file}, last announced revision ${preview.revision}.`);
    out(`Channels: ${count('slack')} Slack, ${count('discord')} Discord (${fixedChannels(config).length} of them from ANNOUNCE_*_CHANNELS).`);
    out();
    if (!preview.events.length) out(`Nothing to announce: ${config.KNOWLEDGE_DIR} has no news against the last announced state.`);
    else {
      const n = preview.deliveries;
      out(`Would announce ${preview.events.length} event${preview.events.length === 1 ? '' : 's'} (${n} deliver${n === 1 ? 'y' : 'ies'}):`);
      for (const e of preview.events) out(describeEvent(e));
    }
    out();
    const counts = await store.counts();
    out(`Outbox: ${counts.pending} pending, ${counts.sending} sending, ${counts.failed} failed, ${counts.expired} expired (${counts.sent} sent).`);
    for (const d of await store.outbox(OUTBOX_SHOWN)) out(describeDelivery(d));
    const rest = counts.pending + counts.sending + counts.failed + counts.expired - OUTBOX_SHOWN;
    if (rest > 0) out(`  … and ${rest} more`);
    return 0;
  } finally {
    store.close();
  }
}

function describeEvent(e: AnnouncementEvent): string {
  const lines = [`  ${e.kind.padEnd(20)} ${e.headline}`];
  if (e.detail) lines.push(`  ${''.padEnd(20)} ${e.detail}`);
  if (e.source) lines.push(`  ${''.padEnd(20)} Source: ${sourceLine({ id: '', ...e.source })}`);
  return lines.join('\n');
}

function describeDelivery(d: Delivery): string {
  const when = d.status === 'pending' ? `, next try ${new Date(d.nextAttemptAt).toISOString()}` : '';
  const error = d.lastError ? ` — ${d.lastError}` : '';
  return `  ${d.status.padEnd(8)} ${d.channel.platform.padEnd(7)} ${d.channel.channelId.padEnd(20)} ${d.event.id} (attempts ${d.attempts}${when}${d.uncertain ? ', uncertain' : ''})${error}`;
}
