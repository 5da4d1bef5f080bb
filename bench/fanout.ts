/**
 * `npm run bench:fanout` (also the first part of `npm run bench`): one knowledge change with two
 * events, announced to 1,000 subscribed channels on each platform through the production path
 * (SQLite outbox, Deliverer, the Slack poster's WebClient, a logged-in discord.js client and its
 * REST queue) against loopback fakes that enforce the platforms' published rate limits
 * (bench/fanoutFakes.ts). Checks that every (event, channel) arrived exactly once and that a
 * restart posts nothing more, and compares the time taken with the minimum those limits allow.
 * Prints a table; exits 1 if exactly-once fails. FANOUT_CHANNELS=100 for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Announcer } from '../src/announce/announcer.js';
import { Deliverer, shortKey, type Poster } from '../src/announce/delivery.js';
import { openSqliteStore } from '../src/announce/sqliteStore.js';
import type { Platform } from '../src/announce/store.js';
import { createResponder } from '../src/core/responder.js';
import { createDiscordPoster, startDiscord } from '../src/discord/index.js';
import { loadOrThrow } from '../src/boot.js';
import { createLogger } from '../src/log.js';
import { createAnnouncementClient, createSlackPoster } from '../src/slack/announce.js';
import { BENCH_GUILD, startRateLimitedDiscord, startRateLimitedSlack } from './fanoutFakes.js';

const CHANNELS = Number(process.env.FANOUT_CHANNELS ?? 1000);
/** Discord channels that are announcement channels (each post is also published: one more request). */
const ANNOUNCEMENT_CHANNELS = Math.round(CHANNELS / 20);
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.fanout-bench-token-for-the-loopback-fake';

// The fixture record's present (20 April 2018), on a clock that keeps running.
const offset = Date.parse('2018-04-20T12:00:00Z') - Date.now();
const now = () => Date.now() + offset;

const slackIds = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(9, '0')}`);
const discordIds = Array.from({ length: CHANNELS }, (_, i) => String(310000000000000000n + BigInt(i)));
const discordTypes = new Map(discordIds.map((id, i) => [id, i < ANNOUNCEMENT_CHANNELS ? 5 : 0]));

const warnings: string[] = [];
const logger = createLogger('warn', (line) => warnings.push(line));

const tmp = mkdtempSync(join(tmpdir(), 'sma-fanout-'));
const slackFake = await startRateLimitedSlack();
const discordFake = await startRateLimitedDiscord(discordTypes);
process.stderr.write(`fan-out: ${CHANNELS} channels per platform, 2 events each …\n`);

try {
  const kb = loadOrThrow('test/fixtures/kb-minimal');
  let store = openSqliteStore(tmp);
  for (const channelId of slackIds) await store.subscribe({ platform: 'slack', workspaceId: 'T1', channelId });
  for (const channelId of discordIds) await store.subscribe({ platform: 'discord', workspaceId: BENCH_GUILD, channelId });

  const responder = createResponder(kb);
  const discord = await startDiscord({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: discordFake.api }, { responder, logger });
  const posters: Partial<Record<Platform, Poster>> = {
    slack: createSlackPoster(createAnnouncementClient({ SLACK_BOT_TOKEN: 'xoxb-fanout-bench', SLACK_API_URL: slackFake.apiUrl }, logger), { logger }),
    discord: createDiscordPoster(discord.client, { logger }),
  };

  // Baseline, then the curator adds rounds 3 and 4: two events × 2,000 channels.
  const announcer = new Announcer({ store, logger, now: () => new Date(now()) });
  await announcer.knowledgeChanged(kb);
  const edited = structuredClone(kb);
  for (const [n, start, place] of [
    [3, '2018-05-14', 'Washington'],
    [4, '2018-06-26', 'Seoul'],
  ] as const) {
    edited.rounds.push({ id: `sma10-r${n}`, agreement: 'sma-10', round: n, start, end: start, place, status: 'scheduled', sources: ['kbs-2018-04-08'] });
  }
  const { events, deliveries } = await announcer.knowledgeChanged(edited);

  const deliverer = new Deliverer(store, posters, { logger, now });
  const started = performance.now();
  const result = await deliverer.drain();
  const wall = (performance.now() - started) / 1000;

  // Exactly once: every (event, channel) once, nothing else.
  const problems: string[] = [];
  const check = (name: string, stats: { messages: Map<string, number> }, ids: string[], key: (eventId: string, channelId: string) => string) => {
    const expected = new Set(events.flatMap((e) => ids.map((c) => key(e.id, c))));
    for (const k of expected) if (stats.messages.get(k) !== 1) problems.push(`${name} ${k}: ${stats.messages.get(k) ?? 0} messages`);
    for (const k of stats.messages.keys()) if (!expected.has(k)) problems.push(`${name} unexpected message ${k}`);
  };
  check('slack', slackFake.stats, slackIds, (e, c) => `${c}|${e}|slack|${c}`);
  check('discord', discordFake.stats, discordIds, (e, c) => `${c}|${shortKey(`${e}|discord|${c}`)}`);

  // A restart: the same file reopened, a new deliverer: nothing more may be posted.
  const before = slackFake.stats.accepted + discordFake.stats.accepted;
  await deliverer.stop();
  store.close();
  store = openSqliteStore(tmp);
  const again = await new Deliverer(store, posters, { logger, now }).drain();
  if (again.sent || slackFake.stats.accepted + discordFake.stats.accepted !== before) problems.push(`restart posted ${again.sent} more`);
  store.close();
  await discord.stop();

  const perChannel = events.length;
  const slackMin = perChannel - 1; // 1 message per second per channel: the last post is (n-1) s after the first
  const discordRequests = discordFake.stats.accepted + discordFake.crossposts;
  const discordMin = Math.ceil(discordRequests / 50) - 1; // 50 requests per second, the first second included
  const seconds = (stats: { firstAt?: number; lastAt?: number }) => ((stats.lastAt ?? 0) - (stats.firstAt ?? 0)) / 1000;
  const rows = [
    ['platform', 'channels', 'messages', 'other requests', '429s', 'first→last post', 'minimum allowed', 'ratio', 'binding limit'],
    [
      'Slack',
      CHANNELS,
      slackFake.stats.accepted,
      0,
      slackFake.stats.rejected429,
      `${seconds(slackFake.stats).toFixed(1)} s`,
      `${slackMin.toFixed(1)} s`,
      `${(seconds(slackFake.stats) / Math.max(slackMin, 0.001)).toFixed(2)}×`,
      `1 msg/s per channel, ${perChannel} per channel`,
    ],
    [
      'Discord',
      CHANNELS,
      discordFake.stats.accepted,
      `${discordFake.crossposts} crossposts`,
      discordFake.stats.rejected429,
      `${seconds(discordFake.stats).toFixed(1)} s`,
      `${discordMin.toFixed(1)} s`,
      `${(seconds(discordFake.stats) / discordMin).toFixed(2)}×`,
      `50 requests/s global (${discordRequests} requests)`,
    ],
  ].map((r) => r.map(String));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\nFan-out: ${events.length} events × ${CHANNELS} channels per platform = ${deliveries} deliveries (${ANNOUNCEMENT_CHANNELS} Discord announcement channels)\n\n`,
  );
  process.stdout.write(`${line(rows[0]!)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.slice(1).map(line).join('\n')}\n\n`);
  process.stdout.write(`Outbox: ${result.sent} sent, ${result.retrying} retries, ${result.failed} failed in ${wall.toFixed(1)} s; after a restart: ${again.sent} sent.\n`);
  for (const w of warnings.slice(0, 3)) process.stderr.write(`${w}\n`); // the first few, to see what went wrong
  process.stdout.write(
    `Exactly once: ${problems.length ? `FAILED (${problems.length} problems)` : 'yes, every (event, channel) once on both platforms'}; warnings logged: ${warnings.length}.\n`,
  );
  for (const p of problems.slice(0, 10)) process.stdout.write(`  ${p}\n`);
  process.exitCode = problems.length ? 1 : 0;
} finally {
  await slackFake.close();
  await discordFake.close();
  rmSync(tmp, { recursive: true, force: true });
}
