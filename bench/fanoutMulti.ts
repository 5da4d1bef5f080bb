/**
 * The second half of `npm run bench:fanout`: the same fan-out as bench/fanout.ts (2 events × 1,000
 * channels per platform) with three bot processes on one Postgres (bench/fanoutInstances.ts),
 * the leader killed with SIGKILL a third of the way through. Needs TEST_DATABASE_URL (the npm
 * script starts a throwaway server with scripts/test-postgres.sh). Exits 1 unless exactly once.
 * FANOUT_CHANNELS=100 for a quick run.
 */
import { runInstances } from './fanoutInstances.js';

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  process.stdout.write('Three instances: skipped (no TEST_DATABASE_URL; run through scripts/test-postgres.sh)\n');
  process.exit(0);
}
const channels = Number(process.env.FANOUT_CHANNELS ?? 1000);
const r = await runInstances({ url, slackChannels: channels, discordChannels: channels, killLeaderAt: 0.33, timeoutMs: 300_000, progress: (l) => process.stderr.write(`${l}\n`) });

const slackMin = r.events - 1;
const discordRequests = r.discord.messages + r.discord.crossposts;
const discordMin = Math.ceil(discordRequests / 50) - 1;
const rows = [
  ['platform', 'channels', 'messages', 'other requests', '429s', 'most in 1 s', 'first→last post', 'minimum allowed', 'ratio'],
  [
    'Slack',
    r.slack.channels,
    r.slack.messages,
    0,
    r.slack.rejected429,
    r.slack.maxPerSecond,
    `${r.slack.seconds.toFixed(1)} s`,
    `${slackMin.toFixed(1)} s`,
    `${(r.slack.seconds / Math.max(slackMin, 0.001)).toFixed(2)}×`,
  ],
  [
    'Discord',
    r.discord.channels,
    r.discord.messages,
    `${r.discord.crossposts} crossposts`,
    r.discord.rejected429,
    r.discord.maxPerSecond,
    `${r.discord.seconds.toFixed(1)} s`,
    `${discordMin.toFixed(1)} s`,
    `${(r.discord.seconds / discordMin).toFixed(2)}×`,
  ],
].map((row) => row.map(String));
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(
  `\nThree instances on one Postgres: ${r.events} events × ${channels} channels per platform = ${r.deliveries} deliveries, leader killed (SIGKILL) after ${r.takeover?.deliveredBeforeKill ?? '?'} messages\n\n`,
);
process.stdout.write(`${line(rows[0]!)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.slice(1).map(line).join('\n')}\n\n`);
process.stdout.write(
  `Takeover: pid ${r.takeover?.newLeaderPid} led ${r.takeover?.leadsAfterMs} ms after the kill, next message ${r.takeover?.nextMessageAfterMs} ms after it. Fan-out ${r.fanoutSeconds.toFixed(1)} s first→last message (${r.wallSeconds.toFixed(1)} s with three instances starting); unsent at the end: ${r.unsent}.\n`,
);
process.stdout.write(`Exactly once: ${r.problems.length ? `FAILED (${r.problems.length} problems)` : 'yes, every (event, channel) once on both platforms'}.\n`);
for (const p of r.problems.slice(0, 10)) process.stdout.write(`  ${p}\n`);
process.exitCode = r.problems.length ? 1 : 0;
