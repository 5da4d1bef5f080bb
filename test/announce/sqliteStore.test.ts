/**
 * The SQLite store on a real file: schema and WAL, subscriptions, the compare-and-set commit and
 * its atomicity, claims (one winner, also across two connections as two instances would have),
 * retries, stale claims coming back as uncertain, expiry, and state surviving a reopen.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { snapshotOf } from '../../src/announce/snapshot.js';
import { openSqliteStore, openSqliteStoreReadOnly, SCHEMA_VERSION, SqliteStore, STORE_FILE } from '../../src/announce/sqliteStore.js';
import type { ChannelRef } from '../../src/announce/store.js';
import { discordChannel, fixtureKb, slackChannel, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let dataDir: string;
let store: SqliteStore;
const T0 = Date.parse('2024-06-01T00:00:00Z');
const STALE = 60_000;
const snap = snapshotOf(fixtureKb());

const event = (id: string, extra: Partial<AnnouncementEvent> = {}): AnnouncementEvent => ({ id, kind: 'round-scheduled', subject: 'r', headline: `headline ${id}`, detail: '', ...extra });
const C1 = slackChannel('C1');
const C2 = slackChannel('C2');
const D1 = discordChannel('300000000000000001');

beforeEach(() => {
  tmp = tempDir();
  dataDir = join(tmp.dir, 'nested', 'data');
  store = openSqliteStore(dataDir);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

/** A baseline and then one change with these events to these channels. */
async function seed(events: AnnouncementEvent[], channels: ChannelRef[] = [C1, C2, D1]) {
  await store.commit(0, snap, [], [], T0);
  return store.commit(1, snap, events, channels, T0);
}

describe('schema', () => {
  it('is created on first open, in DATA_DIR (made if missing), versioned, in WAL mode', () => {
    expect(existsSync(join(dataDir, STORE_FILE))).toBe(true);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['announced', 'events', 'meta', 'outbox', 'subscriptions']);
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('a reopen keeps the data and does not migrate again', async () => {
    await store.subscribe(C1);
    store.close();
    store = openSqliteStore(dataDir);
    expect(await store.subscriptions()).toEqual([C1]);
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM meta').get() as { n: number }).n).toBe(1);
  });

  it('refuses a file from a newer bot instead of guessing', () => {
    store.db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    store.close();
    expect(() => openSqliteStore(dataDir)).toThrow(/schema version 99 is newer than this bot's \(1\)/);
    store = new SqliteStore(':memory:'); // for afterEach
  });

  it('read-only opening (the CLI) sees the state and cannot write; no file → undefined', async () => {
    await seed([event('e1')]);
    const ro = openSqliteStoreReadOnly(dataDir)!;
    expect((await ro.lastAnnounced())?.revision).toBe(2);
    await expect(ro.subscribe(C1)).rejects.toThrow(/readonly/i);
    ro.close();
    expect(openSqliteStoreReadOnly(join(tmp.dir, 'elsewhere'))).toBeUndefined();
  });
});

describe('subscriptions', () => {
  it('subscribe once, list by platform and workspace, unsubscribe once', async () => {
    expect(await store.subscribe(C1, 'U1')).toBe(true);
    expect(await store.subscribe(C1, 'U2')).toBe(false);
    await store.subscribe(slackChannel('C9', 'T2'));
    await store.subscribe(D1);
    expect(await store.subscriptions('slack', 'T1')).toEqual([C1]);
    expect(await store.subscriptions('discord')).toEqual([D1]);
    expect((await store.subscriptions()).length).toBe(3);
    expect(store.db.prepare("SELECT created_by FROM subscriptions WHERE channel_id = 'C1'").get()).toEqual({ created_by: 'U1' });
    expect(await store.unsubscribe(C1)).toBe(true);
    expect(await store.unsubscribe(C1)).toBe(false);
    expect(await store.subscriptions('slack', 'T1')).toEqual([]);
  });
});

describe('commit', () => {
  it('baseline, then each change as the next revision with one delivery per (event, channel)', async () => {
    expect(await store.lastAnnounced()).toBeUndefined();
    expect(await store.commit(0, snap, [], [], T0)).toEqual({ committed: true, deliveries: 0 });
    expect(await store.lastAnnounced()).toEqual({ revision: 1, snapshot: snap });
    expect(await store.commit(1, snap, [event('e1'), event('e2')], [C1, C2, D1], T0)).toEqual({ committed: true, deliveries: 6 });
    expect((await store.lastAnnounced())?.revision).toBe(2);
    expect((await store.outbox()).map((d) => `${d.event.id}>${d.channel.channelId}`)).toEqual([
      'e1>300000000000000001', 'e1>C1', 'e1>C2', 'e2>300000000000000001', 'e2>C1', 'e2>C2',
    ]);
  });

  it('is a compare-and-set: a stale revision writes nothing (another instance committed first)', async () => {
    await seed([event('e1')]);
    expect(await store.commit(1, snap, [event('e-late')], [C1], T0)).toEqual({ committed: false, deliveries: 0 });
    expect(await store.commit(0, snap, [], [], T0)).toEqual({ committed: false, deliveries: 0 });
    expect((await store.outbox()).map((d) => d.event.id)).not.toContain('e-late');
  });

  it('is atomic: when one row fails, neither the snapshot nor any event or delivery is written', async () => {
    await store.commit(0, snap, [], [], T0);
    const changed = { ...snap, rounds: {} };
    const bad = { platform: 'teams', workspaceId: '', channelId: 'X' } as unknown as ChannelRef; // violates the platform CHECK
    await expect(store.commit(1, changed, [event('e1')], [C1, bad], T0)).rejects.toThrow(/CHECK constraint/);
    expect(await store.lastAnnounced()).toEqual({ revision: 1, snapshot: snap });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('enqueue records an event id once (reminders): the second time creates nothing', async () => {
    expect(await store.enqueue([event('reminder')], [C1, C2], T0)).toBe(2);
    expect(await store.enqueue([event('reminder')], [C1, C2, D1], T0)).toBe(0);
  });
});

describe('claims and outcomes', () => {
  it('due → claim → sent: a delivery is claimed once and, once sent, never due again', async () => {
    await seed([event('e1')], [C1]);
    const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
    expect(d).toMatchObject({ status: 'pending', attempts: 0, uncertain: false, channel: C1 });
    expect(await store.claim(d!, T0, T0 - STALE)).toBe(true);
    expect(d).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await store.claim(d!, T0, T0 - STALE)).toBe(false); // already ours
    await store.markSent(d!, 'ts-1', T0);
    expect(await store.due(T0 + 10 * STALE, T0 + 9 * STALE, 10, ['slack'])).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    expect(store.db.prepare('SELECT status, message_id FROM outbox').get()).toEqual({ status: 'sent', message_id: 'ts-1' });
  });

  it('two connections to one file (two instances): both see the delivery, only one claim wins', async () => {
    await seed([event('e1')], [C1]);
    const other = new SqliteStore(store.path);
    try {
      const [mine] = await store.due(T0, T0 - STALE, 10, ['slack']);
      const [theirs] = await other.due(T0, T0 - STALE, 10, ['slack']);
      expect([await store.claim(mine!, T0, T0 - STALE), await other.claim(theirs!, T0, T0 - STALE)]).toEqual([true, false]);
    } finally {
      other.close();
    }
  });

  it('a failure with retryAt goes back to pending and is due again only then; uncertainty is kept', async () => {
    await seed([event('e1')], [C1]);
    const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
    await store.claim(d!, T0, T0 - STALE);
    await store.markFailed(d!, { error: 'Slack: internal_error', retryAt: T0 + 5000, uncertain: true }, T0);
    expect(await store.due(T0 + 4999, T0 - STALE, 10, ['slack'])).toEqual([]);
    const [again] = await store.due(T0 + 5000, T0 - STALE, 10, ['slack']);
    expect(again).toMatchObject({ status: 'pending', attempts: 1, uncertain: true, lastError: 'Slack: internal_error' });
    await store.claim(again!, T0 + 5000, T0 - STALE);
    await store.markFailed(again!, { error: 'Slack: ratelimited', retryAt: T0 + 6000, uncertain: false }, T0 + 5000);
    expect((await store.outbox())[0]).toMatchObject({ attempts: 2, uncertain: true }); // once uncertain, until sent
  });

  it('a failure for good is never due again but stays visible in the outbox', async () => {
    await seed([event('e1')], [C1]);
    const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
    await store.claim(d!, T0, T0 - STALE);
    await store.markFailed(d!, { error: 'Slack: channel_not_found', uncertain: false }, T0);
    expect(await store.due(T0 + 10 * STALE, T0 + 9 * STALE, 10, ['slack'])).toEqual([]);
    expect((await store.outbox())[0]).toMatchObject({ status: 'failed', lastError: 'Slack: channel_not_found' });
  });

  it('a claim left in sending (the process died mid-post) comes back after staleMs, as uncertain', async () => {
    await seed([event('e1')], [C1]);
    const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
    await store.claim(d!, T0, T0 - STALE);
    store.close();
    store = openSqliteStore(dataDir); // the restart
    expect(await store.due(T0 + STALE, T0, 10, ['slack'])).toEqual([]); // not yet stale
    const [back] = await store.due(T0 + STALE + 1, T0 + 1, 10, ['slack']);
    expect(back).toMatchObject({ status: 'sending', uncertain: false });
    expect(await store.claim(back!, T0 + STALE + 1, T0 + 1)).toBe(true);
    expect(back).toMatchObject({ status: 'sending', attempts: 2, uncertain: true });
    expect((await store.outbox())[0]!.uncertain).toBe(true);
  });

  it('only the platforms asked for; expired deliveries are marked expired, not handed out', async () => {
    await seed([event('e1'), event('reminder', { kind: 'round-reminder', expiresAt: T0 + 1000 })], [C1, D1]);
    expect((await store.due(T0, T0 - STALE, 10, ['discord'])).map((d) => d.channel.platform)).toEqual(['discord', 'discord']);
    expect((await store.due(T0 + 1000, T0 - STALE, 10, ['slack'])).map((d) => d.event.id)).toEqual(['e1']);
    expect((await store.outbox()).filter((d) => d.status === 'expired').map((d) => `${d.event.id}>${d.channel.platform}`)).toEqual(['reminder>slack']);
    expect(store.countsSync()).toMatchObject({ pending: 3, expired: 1 });
  });

  it('nextDueAt: the earliest retry or stale claim on the platforms asked for', async () => {
    expect(await store.nextDueAt(['slack'], STALE)).toBeUndefined();
    await seed([event('e1')], [C1, D1]);
    const [d] = await store.due(T0, T0 - STALE, 1, ['slack']);
    await store.claim(d!, T0, T0 - STALE);
    expect(await store.nextDueAt(['slack'], STALE)).toBe(T0 + STALE);
    await store.markFailed(d!, { error: 'x', retryAt: T0 + 2000, uncertain: false }, T0);
    expect(await store.nextDueAt(['slack'], STALE)).toBe(T0 + 2000);
    expect(await store.nextDueAt(['discord'], STALE)).toBe(T0);
  });

  it('file-level check: what the store wrote is plain SQLite any tool can read', async () => {
    await seed([event('e1')], [C1]);
    const raw = new Database(store.path, { readonly: true });
    try {
      expect(raw.prepare('SELECT event_id, platform, channel_id, status FROM outbox').all()).toEqual([{ event_id: 'e1', platform: 'slack', channel_id: 'C1', status: 'pending' }]);
    } finally {
      raw.close();
    }
  });
});
