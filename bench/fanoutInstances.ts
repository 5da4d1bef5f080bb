/**
 * The fan-out with several instances on one Postgres: real bot processes (`node --import tsx
 * src/main.ts`, the Slack app in HTTP mode and a logged-in discord.js client each) against the
 * rate-limited loopback fakes of bench/fanoutFakes.ts, sharing one database. One of them wins
 * the leader lock and delivers; mid-fan-out it is killed with SIGKILL, another takes over, and
 * every (event, channel) must arrive exactly once, with no more 429s than one process causes.
 *
 * Used by test/ops/instances.test.ts (small Discord side, to stay quick) and by
 * `npm run bench:fanout` (bench/fanoutMulti.ts, 1,000 channels per platform).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Announcer } from '../src/announce/announcer.js';
import { shortKey } from '../src/announce/delivery.js';
import { connectPostgres, PostgresStore } from '../src/announce/postgresStore.js';
import { loadOrThrow } from '../src/boot.js';
import { silentLogger } from '../src/log.js';
import { BENCH_GUILD, maxInWindow, startRateLimitedDiscord, startRateLimitedSlack, type FakeStats } from './fanoutFakes.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURE = join(ROOT, 'test/fixtures/kb-minimal');
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.fanout-bench-token-for-the-loopback-fake';
const ROUNDS = [
  [3, '2018-05-14', 'Washington'],
  [4, '2018-06-26', 'Seoul'],
] as const;

export interface InstancesOptions {
  /** A Postgres server; a database is created for the run and dropped after it. */
  url: string;
  slackChannels: number;
  discordChannels: number;
  instances?: number;
  /** SIGKILL the leader once this share of the messages has arrived (0 = never). */
  killLeaderAt?: number;
  /** Give up waiting for the last message after this long. */
  timeoutMs?: number;
  /** Progress lines (the benchmark), or nothing (the test). */
  progress?: (line: string) => void;
}

export interface PlatformResult {
  channels: number;
  messages: number;
  rejected429: number;
  /** First to last accepted message, seconds. */
  seconds: number;
  /** The most requests the platform accepted in any one-second window. */
  maxPerSecond: number;
}

export interface InstancesResult {
  events: number;
  deliveries: number;
  slack: PlatformResult;
  discord: PlatformResult & { crossposts: number };
  /** Messages missing or arriving more than once (empty: exactly once). */
  problems: string[];
  /** The leader killed, and who took over, how soon (ms from the kill to its "leads" line and to the next message). */
  takeover?: { killedPid: number; newLeaderPid: number; leadsAfterMs: number; nextMessageAfterMs: number; deliveredBeforeKill: number };
  /** Deliveries still not sent at the end (should be none). */
  unsent: number;
  /** Instances started until the last message arrived, seconds (start-up included). */
  wallSeconds: number;
  /** First to last message on either platform, seconds. */
  fanoutSeconds: number;
}

interface Instance {
  child: ChildProcess;
  pid: number;
  lines: Record<string, unknown>[];
  exited: Promise<void>;
}

export async function runInstances(o: InstancesOptions): Promise<InstancesResult> {
  const progress = o.progress ?? (() => {});
  const tmp = mkdtempSync(join(tmpdir(), 'sma-instances-'));
  const database = `fanout_${process.pid}_${Date.now().toString(36)}`;
  const admin = connectPostgres(o.url, { max: 1 });
  await admin`CREATE DATABASE ${admin(database)}`;
  const dbUrl = Object.assign(new URL(o.url), { pathname: `/${database}` }).toString();

  const slackIds = Array.from({ length: o.slackChannels }, (_, i) => `C${String(i).padStart(9, '0')}`);
  const discordIds = Array.from({ length: o.discordChannels }, (_, i) => String(310000000000000000n + BigInt(i)));
  const announcementChannels = Math.round(o.discordChannels / 20);
  const slackFake = await startRateLimitedSlack();
  const discordFake = await startRateLimitedDiscord(new Map(discordIds.map((id, i) => [id, i < announcementChannels ? 5 : 0])));
  const instances: Instance[] = [];
  try {
    // The knowledge every instance runs with: the fixture plus rounds 3 and 4.
    const knowledgeDir = join(tmp, 'knowledge');
    cpSync(FIXTURE, knowledgeDir, { recursive: true });
    appendFileSync(
      join(knowledgeDir, 'rounds.yaml'),
      ROUNDS.map(
        ([n, start, place]) =>
          `  - id: sma10-r${n}\n    agreement: sma-10\n    round: ${n}\n    start: ${start}\n    end: ${start}\n    place: ${place}\n    status: scheduled\n    sources: [kbs-2018-04-08]\n`,
      ).join(''),
    );

    // The outbox as a leader leaves it after recording that edit in the record's own time (so it is news): 2 events × every channel.
    const store = await PostgresStore.open(dbUrl, { max: 4 });
    const setup = new Announcer({ store, logger: silentLogger, now: () => new Date('2018-04-20T12:00:00Z'), maxAgeMs: 100 * 365 * 86_400_000 });
    await setup.knowledgeChanged(loadOrThrow(FIXTURE));
    const channels = [
      ...slackIds.map((channelId) => ({ platform: 'slack' as const, workspaceId: 'T1', channelId })),
      ...discordIds.map((channelId) => ({ platform: 'discord' as const, workspaceId: BENCH_GUILD, channelId })),
    ];
    for (let i = 0; i < channels.length; i += 100) await Promise.all(channels.slice(i, i + 100).map((c) => store.subscribe(c)));
    const { events, deliveries } = await setup.knowledgeChanged(loadOrThrow(knowledgeDir));
    progress(`${o.instances ?? 3} instances, ${events.length} events × (${o.slackChannels} Slack + ${o.discordChannels} Discord channels) = ${deliveries} deliveries`);

    const expected = deliveries;
    const delivered = () => slackFake.stats.accepted + discordFake.stats.accepted;
    const started = performance.now();
    for (let i = 0; i < (o.instances ?? 3); i++) instances.push(startInstance(i, dbUrl, knowledgeDir, join(tmp, `data-${i}`), slackFake.apiUrl, discordFake.api));

    const leaderOf = (from: readonly Instance[]) => from.find((x) => x.lines.some((l) => l.msg === 'leader: this instance leads (announcer, reminders, deliverer)'));
    const deadline = performance.now() + (o.timeoutMs ?? 120_000);
    let takeover: InstancesResult['takeover'];
    if (o.killLeaderAt) {
      while (delivered() < expected * o.killLeaderAt && performance.now() < deadline) await sleep(5);
      const leader = leaderOf(instances);
      if (!leader) throw new Error('no instance leads');
      const deliveredBeforeKill = delivered();
      const killedAt = performance.now();
      leader.child.kill('SIGKILL');
      progress(`killed the leader (pid ${leader.pid}) with SIGKILL after ${deliveredBeforeKill} of ${expected} messages`);
      const survivors = instances.filter((x) => x !== leader);
      let next: Instance | undefined;
      while (!(next = leaderOf(survivors)) && performance.now() < deadline) await sleep(5);
      const leadsAt = performance.now();
      const before = delivered();
      while (delivered() === before && performance.now() < deadline) await sleep(1);
      if (next)
        takeover = {
          killedPid: leader.pid,
          newLeaderPid: next.pid,
          leadsAfterMs: Math.round(leadsAt - killedAt),
          nextMessageAfterMs: Math.round(performance.now() - killedAt),
          deliveredBeforeKill,
        };
      progress(`instance ${next?.pid} took over ${takeover?.leadsAfterMs} ms after the kill`);
    }
    while (delivered() < expected && performance.now() < deadline) await sleep(20);
    const wallSeconds = (performance.now() - started) / 1000;
    await sleep(1500); // anything posted twice would arrive now

    const problems: string[] = [];
    const check = (name: string, stats: FakeStats, ids: string[], key: (eventId: string, channelId: string) => string) => {
      const want = new Set(events.flatMap((e) => ids.map((c) => key(e.id, c))));
      for (const k of want) if (stats.messages.get(k) !== 1) problems.push(`${name} ${k}: ${stats.messages.get(k) ?? 0} messages`);
      for (const k of stats.messages.keys()) if (!want.has(k)) problems.push(`${name} unexpected message ${k}`);
    };
    check('slack', slackFake.stats, slackIds, (e, c) => `${c}|${e}|slack|${c}`);
    check('discord', discordFake.stats, discordIds, (e, c) => `${c}|${shortKey(`${e}|discord|${c}`)}`);
    const counts = await store.counts();
    await store.close();

    const platform = (stats: FakeStats, n: number): PlatformResult => ({
      channels: n,
      messages: stats.accepted,
      rejected429: stats.rejected429,
      seconds: ((stats.lastAt ?? 0) - (stats.firstAt ?? 0)) / 1000,
      maxPerSecond: maxInWindow(stats.times),
    });
    return {
      events: events.length,
      deliveries,
      slack: platform(slackFake.stats, o.slackChannels),
      discord: { ...platform(discordFake.stats, o.discordChannels), crossposts: discordFake.crossposts },
      problems,
      ...(takeover ? { takeover } : {}),
      unsent: counts.pending + counts.sending + counts.failed + counts.expired,
      wallSeconds,
      fanoutSeconds:
        (Math.max(slackFake.stats.lastAt ?? 0, discordFake.stats.lastAt ?? 0) - Math.min(slackFake.stats.firstAt ?? Infinity, discordFake.stats.firstAt ?? Infinity)) / 1000,
    };
  } finally {
    for (const x of instances) if (x.child.exitCode === null && x.child.signalCode === null) x.child.kill('SIGTERM');
    await Promise.race([Promise.all(instances.map((x) => x.exited)), sleep(10_000)]);
    for (const x of instances) if (x.child.exitCode === null && x.child.signalCode === null) x.child.kill('SIGKILL');
    await slackFake.close();
    await discordFake.close();
    await admin`DROP DATABASE IF EXISTS ${admin(database)} WITH (FORCE)`.catch(() => undefined);
    await admin.end({ timeout: 1 });
    rmSync(tmp, { recursive: true, force: true });
  }
}

function startInstance(n: number, databaseUrl: string, knowledgeDir: string, dataDir: string, slackApi: string, discordApi: string): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-fanout-instances',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: slackApi,
      PORT: '0',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_API_URL: discordApi,
      KNOWLEDGE_DIR: knowledgeDir,
      DATA_DIR: dataDir,
      ANNOUNCE_SLACK_CHANNELS: '',
      ANNOUNCE_DISCORD_CHANNELS: '',
      LOG_LEVEL: 'info',
      SMA_NOW: '',
    },
  });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      // Only what the run looks at: leadership, and errors to show when something goes wrong.
      if (!line.includes('"leader') && !line.includes('"level":"error"')) continue;
      try {
        lines.push({ instance: n, ...(JSON.parse(line) as Record<string, unknown>) });
      } catch {
        lines.push({ instance: n, msg: line });
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, pid: child.pid!, lines, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
