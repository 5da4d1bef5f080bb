/**
 * Stopping `npm start` as terminals, systemd and container runtimes do, with a real process tree:
 * npm → node (the start script `exec`s node, so there is no shell or tsx process in between),
 * the Slack app in HTTP mode against the loopback fake, a 60-channel fan-out under way (each post
 * takes 100 ms at the fake), the SQLite file in a temporary DATA_DIR.
 *
 * 1. SIGTERM to the whole process group mid-fan-out (node gets it twice: directly and from npm):
 *    the posts in flight finish and are marked, nothing is left in `sending`, node exits.
 * 2. `npm start` again: the rest goes out, each channel exactly once in all; then SIGTERM to npm
 *    alone: npm passes it on, node stops cleanly and does not outlive npm.
 *
 * The one subprocess test of the suite (two bot runs, about 5 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Announcer } from '../../src/announce/announcer.js';
import { openSqliteStore } from '../../src/announce/sqliteStore.js';
import { silentLogger } from '../../src/log.js';
import { copyFixture, fixtureKb, round, slackChannel, tempDir, withRound } from '../announce/helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, startFakeSlack, type FakeSlack } from '../slack/helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const CHANNELS = Array.from({ length: 60 }, (_, i) => `CSTOP${String(i).padStart(4, '0')}`);
const ROUND_3 =
  '  - id: sma10-r3\n    agreement: sma-10\n    round: 3\n    start: 2018-05-14\n    end: 2018-05-15\n    place: Washington\n    status: scheduled\n    sources: [kbs-2018-04-08]\n';

let fake: FakeSlack;
let tmp: ReturnType<typeof tempDir>;
let knowledgeDir: string;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.postDelayMs = 100;
  tmp = tempDir('sma-shutdown-');
  knowledgeDir = copyFixture(tmp.dir);
  appendFileSync(join(knowledgeDir, 'rounds.yaml'), ROUND_3);
  dataDir = join(tmp.dir, 'data');
  // The outbox as the bot left it after recording round 3 (in the record's own time, so it is news): 60 deliveries pending.
  const store = openSqliteStore(dataDir);
  const announcer = new Announcer({ store, logger: silentLogger, now: () => new Date('2018-04-20T12:00:00Z'), maxAgeMs: 100 * 365 * 86_400_000 });
  await announcer.knowledgeChanged(fixtureKb());
  await store.subscribe(slackChannel(CHANNELS[0]!)); // not needed for delivery; proves subscriptions survive
  const recorded = await new Announcer({
    store,
    logger: silentLogger,
    now: () => new Date('2018-04-20T12:00:00Z'),
    maxAgeMs: 100 * 365 * 86_400_000,
    fixedChannels: CHANNELS.map((c) => slackChannel(c, '')),
  }).knowledgeChanged(withRound(fixtureKb(), round({ id: 'sma10-r3', round: 3 })));
  expect(recorded.deliveries).toBe(60);
  await store.close();
});
afterAll(async () => {
  await fake?.close();
  tmp?.remove();
});

interface Run {
  child: ChildProcess;
  stderr: () => string;
  logs: () => Record<string, any>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function npmStart(): Run {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true, // its own process group, as under a terminal or a service manager
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: fake.apiUrl,
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      PORT: '0',
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: knowledgeDir,
      ANNOUNCE_SLACK_CHANNELS: CHANNELS.join(','),
      ANNOUNCE_DISCORD_CHANNELS: '',
      LOG_LEVEL: 'info',
    },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const logs = () =>
    err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>);
  return { child, stderr: () => err, logs, exited };
}

const until = async (what: string, fn: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const posted = () => fake.messages.filter((m) => CHANNELS.includes(m.channel));
const botPid = (run: Run) => run.logs().find((l) => l.msg === 'announcements started')?.pid as number | undefined;

it('SIGTERM to the process group mid-fan-out, then to npm alone after a restart: nothing left in sending, every channel posted exactly once, node never outlives npm', async () => {
  const first = npmStart();
  await until('the fan-out to start', () => posted().length >= 8);
  const pid1 = botPid(first)!;
  expect(pid1).toBeGreaterThan(0);
  expect(pid1).not.toBe(first.child.pid); // node itself, below npm
  process.kill(-first.child.pid!, 'SIGTERM');
  const exit1 = await first.exited;
  await until('node to exit', () => !alive(pid1), 5000);
  expect(first.logs().filter((l) => l.msg === 'shutting down' || l.msg === 'already shutting down: waiting for the posts in flight').length).toBeGreaterThanOrEqual(1);
  expect(first.logs().find((l) => l.msg === 'stopped')).toBeDefined();
  expect(exit1.code === 0 || exit1.signal === 'SIGTERM').toBe(true);

  const afterFirst = openSqliteStore(dataDir);
  const counts = afterFirst.countsSync();
  await afterFirst.close();
  expect(counts.sending).toBe(0);
  expect(counts.sent).toBe(posted().length); // every post that reached Slack is marked
  expect(counts.sent).toBeLessThan(60); // it was stopped mid-way
  expect(counts.pending).toBe(60 - counts.sent);

  const second = npmStart();
  await until('the rest of the fan-out', () => posted().length >= 60);
  await until('every delivery marked', () => second.logs().filter((l) => l.msg === 'announcement delivered').length === 60 - counts.sent);
  const pid2 = botPid(second)!;
  process.kill(second.child.pid!, 'SIGTERM'); // npm only
  await second.exited;
  await until('node to exit with npm', () => !alive(pid2), 5000);
  expect(second.logs().find((l) => l.msg === 'stopped')).toBeDefined();

  expect(
    posted()
      .map((m) => m.channel)
      .sort(),
  ).toEqual([...CHANNELS].sort());
  const store = openSqliteStore(dataDir);
  expect(store.countsSync()).toMatchObject({ sent: 60, pending: 0, sending: 0 });
  expect((await store.subscriptions()).length).toBe(1);
  await store.close();
}, 40_000);
