/**
 * What only the SQLite store has, on a real file: the schema and WAL, migrations, read-only
 * opening for the CLI, and plain SQLite any tool reads. Everything the store interface promises
 * (commit, claims, retries, expiry…) is the contract suite's, run against SQLite and Postgres
 * (storeContract.test.ts).
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
const snap = snapshotOf(fixtureKb());

const event = (id: string, extra: Partial<AnnouncementEvent> = {}): AnnouncementEvent => ({
  id,
  kind: 'round-scheduled',
  subject: 'r',
  headline: `headline ${id}`,
  detail: '',
  ...extra,
});
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
    expect(tables).toEqual(['announced', 'events', 'language_choices', 'meta', 'outbox', 'question_events', 'subscriptions', 'votes']);
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
    expect(() => openSqliteStore(dataDir)).toThrow(`schema version 99 is newer than this bot's (${SCHEMA_VERSION})`);
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

describe('the file', () => {
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

describe('migrations', () => {
  it('a version 1 file (before knowledge versions and languages) is migrated: its announced state is kept, with knowledge version 0; its subscriptions are English', async () => {
    store.close();
    const path = join(dataDir, STORE_FILE);
    const v1 = new Database(path);
    v1.exec(
      'DROP TABLE announced; DROP TABLE outbox; DROP TABLE events; DROP TABLE subscriptions; DROP TABLE language_choices; DROP TABLE votes; DROP TABLE question_events; DROP TABLE meta;',
    );
    v1.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema_version', '1');
      CREATE TABLE subscriptions (platform TEXT, channel_id TEXT, workspace_id TEXT, created_at INTEGER, created_by TEXT, PRIMARY KEY (platform, channel_id));
      CREATE TABLE announced (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL, state TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE events (id TEXT PRIMARY KEY, kind TEXT, payload TEXT, created_at INTEGER);
      CREATE TABLE outbox (event_id TEXT, platform TEXT, channel_id TEXT, workspace_id TEXT, status TEXT, attempts INTEGER, uncertain INTEGER, next_attempt_at INTEGER, expires_at INTEGER, claimed_at INTEGER, message_id TEXT, last_error TEXT, created_at INTEGER, updated_at INTEGER, PRIMARY KEY (event_id, platform, channel_id));`);
    v1.prepare('INSERT INTO announced VALUES (1, 7, ?, 0)').run(JSON.stringify(snap));
    v1.prepare("INSERT INTO subscriptions VALUES ('slack', 'C1', 'T1', 0, 'U1')").run();
    v1.close();
    store = openSqliteStore(dataDir);
    expect(await store.lastAnnounced()).toEqual({ revision: 7, knowledgeVersion: 0, snapshot: snap });
    expect(await store.subscriptions()).toEqual([C1]);
    expect(store.db.prepare('SELECT language FROM subscriptions').get()).toEqual({ language: 'en' });
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    expect((await store.commit(7, snap, [], [], T0, 20180420)).committed).toBe(true);
  });

  it("a version 3 file (Discord channel types, before languages) is migrated: a subscription keeps its channel's type and permissions and is English, its pending delivery too", async () => {
    const d1 = { ...D1, channelType: 5, permissions: '19456' };
    await store.subscribe(d1);
    await seed([event('e1')], [d1]);
    store.close();
    // The file as the bot before languages wrote it: the same tables, without the languages.
    const v3 = new Database(join(dataDir, STORE_FILE));
    v3.exec(`ALTER TABLE subscriptions DROP COLUMN language; ALTER TABLE outbox DROP COLUMN language; DROP TABLE language_choices; DROP TABLE votes; DROP TABLE question_events;
      UPDATE meta SET value = '3' WHERE key = 'schema_version';`);
    v3.close();
    store = openSqliteStore(dataDir);
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    expect(await store.subscriptions('discord')).toEqual([d1]);
    expect(store.db.prepare('SELECT language FROM subscriptions').get()).toEqual({ language: 'en' });
    expect((await store.due(T0, T0 - 60_000, 10, ['discord'])).map((d) => d.channel)).toEqual([d1]);
    expect(await store.setSubscriptionLanguage(d1, 'ko')).toBe(true);
    expect(await store.subscriptions('discord')).toEqual([{ ...d1, language: 'ko' }]);
  });

  it('a version 4 file (before votes and the question log) is migrated to 6: everything kept, votes recorded and questions logged', async () => {
    await store.subscribe(C1);
    await store.setLanguage({ platform: 'slack', scope: 'user', workspaceId: 'T1', subjectId: 'U1' }, 'ko');
    store.close();
    const v4 = new Database(join(dataDir, STORE_FILE));
    v4.exec("DROP TABLE votes; DROP TABLE question_events; UPDATE meta SET value = '4' WHERE key = 'schema_version';");
    v4.close();
    store = openSqliteStore(dataDir);
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    expect(await store.subscriptions()).toEqual([C1]);
    expect(await store.languages([{ platform: 'slack', scope: 'user', workspaceId: 'T1', subjectId: 'U1' }])).toEqual(['ko']);
    const vote = { answer: { intent: 'summary' as const }, answerKey: 'console:1', platform: 'console' as const, voter: 'v', value: 'up' as const, at: new Date(T0) };
    expect(await store.recordVote(vote)).toBe('new');
    expect(await store.votes(new Date(0))).toEqual([vote]);
    await store.logQuestion({ at: new Date(T0), platform: 'slack', outcome: 'unknown', answer: { intent: 'none' }, confidence: 0 });
    expect(await store.questions(new Date(0))).toHaveLength(1);
  });
});
