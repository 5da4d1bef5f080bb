/**
 * The single-instance AnnouncementStore: one SQLite file in DATA_DIR (better-sqlite3 12, WAL mode),
 * created on first start, its schema versioned in `meta`. Writes that belong together happen in
 * one transaction (BEGIN IMMEDIATE, so a lock is taken up front, never half-way through).
 *
 * Locks without freezing the bot. better-sqlite3 is synchronous: with the usual 5 s busy timeout,
 * every write waited on the event loop while another process (the CLI, `sqlite3`, a backup) held
 * the write lock, and Slack's 3-second acks were missed. Two ways out were weighed:
 *  - a worker thread owning the connection: no wait ever on the main thread, but every call is a
 *    message round trip with its rows copied, the TypeScript worker needs its own loader under
 *    tsx and vitest, and the statements here take well under a millisecond each (the largest, a
 *    1,000-channel commit, a few ms), so the thread would only ever be hiding lock waits;
 *  - a short busy timeout and asynchronous retries (chosen): SQLite waits at most BUSY_TIMEOUT_MS
 *    (5 ms) on the main thread; a transaction that still finds the lock taken is retried after a
 *    timer (5 ms doubling to 200 ms) until `busyWaitMs`, then rejects with StoreUnavailableError
 *    ("locked by another process"), which the callers retry later. Each transaction still runs in
 *    one synchronous piece, so it stays atomic within the process.
 *
 * Faults become StoreUnavailableError with the file and a reason (disk full, read-only, corrupt,
 * cannot open); `check()` runs `PRAGMA quick_check`.
 *
 * Durability: WAL with synchronous=NORMAL survives a crash of the process without losing a
 * committed transaction; after a power failure the last transactions may be lost (SQLite's
 * documented trade-off). Losing a claim or a "sent" mark that way makes a delivery look unposted
 * and it is retried as an uncertain one (see `Delivery.uncertain`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Language } from '../core/answer.js';
import type { AnnouncementEvent } from './events.js';
import type { Snapshot } from './snapshot.js';
import {
  StoreUnavailableError,
  type Announced,
  type AnnouncementStore,
  type ChannelRef,
  type Delivery,
  type DeliveryStatus,
  type FailureUpdate,
  type LanguageSubject,
  type Platform,
  type StoreCheck,
} from './store.js';
import { randomBytes } from 'node:crypto';
import type { Vote, VoteResult } from '../curation/types.js';
import { channelOf, type SubscriptionRow } from './rows.js';
import { eventOf, voteColumns, voteOf, type QuestionRow, type VoteRow } from '../curation/rows.js';
import type { DeliveryFiguresStore, PlatformDeliveries, QuestionEvent, QuestionLogStore } from '../curation/types.js';

export const SCHEMA_VERSION = 6;
export const STORE_FILE = 'sma-bot.sqlite';
/** The longest SQLite itself waits for a lock, blocking the event loop. */
export const BUSY_TIMEOUT_MS = 5;
/** How long a method keeps retrying a locked database (asynchronously) before it gives up. */
export const DEFAULT_BUSY_WAIT_MS = 5000;

/** Migration N takes the schema from version N-1 to N. Never edit one that has shipped: add the next. */
const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE subscriptions (
      platform TEXT NOT NULL CHECK (platform IN ('slack', 'discord')),
      channel_id TEXT NOT NULL,
      workspace_id TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      created_by TEXT,
      PRIMARY KEY (platform, channel_id));
    CREATE TABLE announced (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      revision INTEGER NOT NULL,
      state TEXT NOT NULL,
      updated_at INTEGER NOT NULL);
    CREATE TABLE events (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL);
    CREATE TABLE outbox (
      event_id TEXT NOT NULL REFERENCES events(id),
      platform TEXT NOT NULL CHECK (platform IN ('slack', 'discord')),
      channel_id TEXT NOT NULL,
      workspace_id TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'expired')),
      attempts INTEGER NOT NULL DEFAULT 0,
      uncertain INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      claimed_at INTEGER,
      message_id TEXT,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (event_id, platform, channel_id));
    CREATE INDEX outbox_status ON outbox (status, next_attempt_at);
  `,
  // The knowledge version of the announced snapshot (see knowledgeVersion.ts); 0 for what was announced before.
  2: `ALTER TABLE announced ADD COLUMN knowledge_version INTEGER NOT NULL DEFAULT 0;`,
  // What a Discord channel was when it subscribed (see ChannelRef.channelType), for the poster.
  3: `ALTER TABLE subscriptions ADD COLUMN channel_type INTEGER;
      ALTER TABLE subscriptions ADD COLUMN permissions TEXT;`,
  // Languages: each subscription's announcements and each delivery in it (English for what was
  // there before), and the answer-language choices of users and channels (`/sma language`).
  4: `
    ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko'));
    ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko'));
    CREATE TABLE language_choices (
      platform TEXT NOT NULL CHECK (platform IN ('slack', 'discord')),
      scope TEXT NOT NULL CHECK (scope IN ('user', 'channel')),
      workspace_id TEXT NOT NULL DEFAULT '',
      subject_id TEXT NOT NULL,
      language TEXT NOT NULL CHECK (language IN ('en', 'ko')),
      updated_at INTEGER NOT NULL,
      updated_by TEXT,
      PRIMARY KEY (platform, scope, workspace_id, subject_id));
  `,
  // Readers' votes on answers (👍/👎, src/curation): one per answer and voter (a hash, never the
  // platform id), the last one counts; what the answer was (intent, fact or request, language).
  5: `
    CREATE TABLE votes (
      answer_key TEXT NOT NULL,
      voter TEXT NOT NULL,
      platform TEXT NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
      value TEXT NOT NULL CHECK (value IN ('up', 'down')),
      reason TEXT,
      intent TEXT NOT NULL,
      fact_id TEXT,
      request TEXT,
      language TEXT CHECK (language IN ('en', 'ko')),
      at INTEGER NOT NULL,
      PRIMARY KEY (answer_key, voter));
    CREATE INDEX votes_at ON votes (at);
  `,
  // The question log (src/curation/questionLog.ts): one row per turn, its outcome and what it
  // answered; the words and the hashed asker only with QUESTION_LOG=on. Pruned by age (`at`).
  6: `
    CREATE TABLE question_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      platform TEXT NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
      outcome TEXT NOT NULL CHECK (outcome IN ('answer', 'clarify', 'unknown', 'lacks', 'pick')),
      intent TEXT NOT NULL,
      fact_id TEXT,
      request TEXT,
      language TEXT CHECK (language IN ('en', 'ko')),
      confidence REAL NOT NULL,
      question TEXT,
      asker TEXT);
    CREATE INDEX question_events_at ON question_events (at);
  `,
};

interface OutboxRow {
  event_id: string;
  platform: Platform;
  channel_id: string;
  workspace_id: string;
  language: Language;
  status: DeliveryStatus;
  attempts: number;
  uncertain: number;
  next_attempt_at: number;
  expires_at: number;
  claimed_at: number | null;
  last_error: string | null;
  created_at: number;
  channel_type: number | null;
  permissions: string | null;
  payload: string;
}

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** How long a method retries a locked database before rejecting (default 5 s). */
  busyWaitMs?: number;
}

/**
 * Opens (creating it and its folder on first start) `DATA_DIR/sma-bot.sqlite`. Throws
 * StoreUnavailableError naming the file and the reason when it cannot.
 */
export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): SqliteStore {
  const path = join(dataDir, STORE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StoreUnavailableError(path, `DATA_DIR cannot be created (${(error as Error).message})`, { reopen: true, cause: error });
  }
  return new SqliteStore(path, options);
}

/** For the CLI: read-only, and undefined when the bot has never run here. */
export function openSqliteStoreReadOnly(dataDir: string, options: Omit<SqliteStoreOptions, 'readonly'> = {}): SqliteStore | undefined {
  const path = join(dataDir, STORE_FILE);
  return existsSync(path) ? new SqliteStore(path, { ...options, readonly: true }) : undefined;
}

/** What each SQLite failure means for an operator; `reopen` when the connection itself is no good. */
export function describeSqliteError(error: unknown): { reason: string; reopen: boolean; busy: boolean } | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const raw = `${code}: ${(error as Error).message}`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { reason: `the database is locked by another process (${raw})`, reopen: false, busy: true };
  if (code === 'SQLITE_FULL') return { reason: `the disk is full (${raw})`, reopen: false, busy: false };
  if (code.startsWith('SQLITE_READONLY'))
    return { reason: `the database is read-only: check the permissions of the file and of DATA_DIR, and that the disk is mounted read-write (${raw})`, reopen: true, busy: false };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return { reason: `the database file is corrupt: restore a backup (docs/announcements.md) (${raw})`, reopen: true, busy: false };
  if (code.startsWith('SQLITE_CANTOPEN')) return { reason: `the database file cannot be opened: check that DATA_DIR exists and is writable (${raw})`, reopen: true, busy: false };
  if (code.startsWith('SQLITE_IOERR')) return { reason: `disk I/O error (${raw})`, reopen: true, busy: false };
  if (code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) return { reason: `access to the database is denied (${raw})`, reopen: true, busy: false };
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const NEVER = Number.MAX_SAFE_INTEGER;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class SqliteStore implements AnnouncementStore, QuestionLogStore, DeliveryFiguresStore {
  readonly db: Database.Database;
  private readonly busyWaitMs: number;

  /** Throws StoreUnavailableError (with the file and the reason) when the file cannot be used. */
  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.busyWaitMs = options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: options.readonly ?? false });
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db = db;
      if (options.readonly) {
        this.checkVersion(this.version());
        return;
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      this.migrate();
    } catch (error) {
      if (db?.open) db.close();
      if (error instanceof StoreUnavailableError) throw error;
      const known = describeSqliteError(error);
      if (!known) throw error;
      throw new StoreUnavailableError(path, known.reason, { reopen: true, cause: error });
    }
  }

  get location(): string {
    return this.path;
  }

  /**
   * Runs one synchronous piece of work (a statement or a whole transaction). A lock held by
   * another process is waited for with timers, never on the event loop; every other SQLite fault
   * becomes StoreUnavailableError.
   */
  private async run<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + this.busyWaitMs;
    for (let wait = BUSY_TIMEOUT_MS; ; wait = Math.min(wait * 2, 200)) {
      try {
        if (!this.db.open) throw new StoreUnavailableError(this.path, 'the store is closed', { reopen: true });
        return work();
      } catch (error) {
        const known = describeSqliteError(error);
        if (known?.busy && Date.now() + wait < deadline) {
          await sleep(wait);
          continue;
        }
        if (!known) throw error;
        throw new StoreUnavailableError(this.path, known.busy ? `${known.reason}, for more than ${this.busyWaitMs / 1000} s` : known.reason, {
          reopen: known.reopen,
          cause: error,
        });
      }
    }
  }

  async check(): Promise<StoreCheck> {
    return this.run(() => {
      const rows = this.db.pragma('quick_check') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
      const version = this.version();
      if (version !== SCHEMA_VERSION) problems.push(`schema version ${version}, this bot's is ${SCHEMA_VERSION}`);
      return { ok: problems.length === 0, location: this.path, problems };
    });
  }

  /** SQLite's online backup to `file`: a consistent copy, safe while the bot runs (for `sma store backup`). */
  async backup(file: string): Promise<{ pages: number }> {
    try {
      const r = await this.db.backup(file);
      return { pages: r.totalPages };
    } catch (error) {
      const known = describeSqliteError(error);
      if (!known) throw error;
      throw new StoreUnavailableError(this.path, `backup to ${file} failed: ${known.reason}`, { cause: error });
    }
  }

  private version(): number {
    const meta = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    if (!meta) return 0;
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  private checkVersion(version: number): void {
    if (version > SCHEMA_VERSION)
      throw new StoreUnavailableError(this.path, `schema version ${version} is newer than this bot's (${SCHEMA_VERSION}); upgrade the bot`, { reopen: true });
    if (version < SCHEMA_VERSION)
      throw new StoreUnavailableError(this.path, `schema version ${version} is older than this bot's (${SCHEMA_VERSION}); start the bot once to upgrade it`, { reopen: true });
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    let version = this.version();
    if (version > SCHEMA_VERSION) this.checkVersion(version);
    while (version < SCHEMA_VERSION) {
      const next = version + 1;
      this.db
        .transaction(() => {
          this.db.exec(MIGRATIONS[next]!);
          this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(next));
        })
        .immediate();
      version = next;
    }
  }

  async subscribe(c: ChannelRef, by?: string): Promise<boolean> {
    return this.run(() =>
      this.db
        .transaction(() => {
          const existed = this.db.prepare('SELECT 1 FROM subscriptions WHERE platform = ? AND channel_id = ?').get(c.platform, c.channelId) !== undefined;
          this.db
            .prepare(
              `INSERT INTO subscriptions (platform, channel_id, workspace_id, created_at, created_by, channel_type, permissions, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (platform, channel_id) DO UPDATE SET channel_type = COALESCE(excluded.channel_type, channel_type), permissions = COALESCE(excluded.permissions, permissions)`,
            )
            .run(c.platform, c.channelId, c.workspaceId, Date.now(), by ?? null, c.channelType ?? null, c.permissions ?? null, c.language ?? 'en');
          return !existed;
        })
        .immediate(),
    );
  }

  async unsubscribe(c: Pick<ChannelRef, 'platform' | 'channelId'>): Promise<boolean> {
    return this.run(() => this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(c.platform, c.channelId).changes === 1);
  }

  async subscriptions(platform?: Platform, workspaceId?: string): Promise<ChannelRef[]> {
    const rows = await this.run(
      () =>
        this.db
          .prepare(
            `SELECT platform, channel_id, workspace_id, channel_type, permissions, language FROM subscriptions
             WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR workspace_id = ?) ORDER BY created_at, platform, channel_id`,
          )
          .all(platform ?? null, platform ?? null, workspaceId ?? null, workspaceId ?? null) as SubscriptionRow[],
    );
    return rows.map(channelOf);
  }

  async setSubscriptionLanguage(c: Pick<ChannelRef, 'platform' | 'channelId'>, language: Language): Promise<boolean> {
    return this.run(
      () =>
        this.db.prepare('UPDATE subscriptions SET language = ? WHERE platform = ? AND channel_id = ? AND language != ?').run(language, c.platform, c.channelId, language)
          .changes === 1,
    );
  }

  async setLanguage(subject: LanguageSubject, language: Language | undefined, by?: string): Promise<boolean> {
    const key = [subject.platform, subject.scope, subject.workspaceId, subject.subjectId] as const;
    return this.run(() => {
      if (!language) return this.db.prepare('DELETE FROM language_choices WHERE platform = ? AND scope = ? AND workspace_id = ? AND subject_id = ?').run(...key).changes === 1;
      return (
        this.db
          .prepare(
            `INSERT INTO language_choices (platform, scope, workspace_id, subject_id, language, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (platform, scope, workspace_id, subject_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at, updated_by = excluded.updated_by WHERE language != excluded.language`,
          )
          .run(...key, language, Date.now(), by ?? null).changes === 1
      );
    });
  }

  async languages(subjects: readonly LanguageSubject[]): Promise<(Language | undefined)[]> {
    return this.run(() => {
      const get = this.db.prepare('SELECT language FROM language_choices WHERE platform = ? AND scope = ? AND workspace_id = ? AND subject_id = ?');
      return subjects.map((s) => (get.get(s.platform, s.scope, s.workspaceId, s.subjectId) as { language: Language } | undefined)?.language);
    });
  }

  async lastAnnounced(): Promise<Announced | undefined> {
    const row = await this.run(
      () =>
        this.db.prepare('SELECT revision, knowledge_version, state FROM announced WHERE id = 1').get() as
          | { revision: number; knowledge_version: number; state: string }
          | undefined,
    );
    return row ? { revision: row.revision, knowledgeVersion: row.knowledge_version, snapshot: JSON.parse(row.state) as Snapshot } : undefined;
  }

  async commit(expectedRevision: number, snapshot: Snapshot, events: AnnouncementEvent[], channels: ChannelRef[], now: number, knowledgeVersion = 0) {
    const state = JSON.stringify(snapshot);
    return this.run(() =>
      this.db
        .transaction(() => {
          const changed =
            expectedRevision === 0
              ? this.db
                  .prepare('INSERT INTO announced (id, revision, knowledge_version, state, updated_at) VALUES (1, 1, ?, ?, ?) ON CONFLICT(id) DO NOTHING')
                  .run(knowledgeVersion, state, now).changes
              : this.db
                  .prepare(
                    'UPDATE announced SET revision = revision + 1, knowledge_version = ?, state = ?, updated_at = ? WHERE id = 1 AND revision = ? AND knowledge_version <= ?',
                  )
                  .run(knowledgeVersion, state, now, expectedRevision, knowledgeVersion).changes;
          if (changed !== 1) return { committed: false, deliveries: 0 };
          return { committed: true, deliveries: this.insertEvents(events, channels, now) };
        })
        .immediate(),
    );
  }

  async enqueue(events: AnnouncementEvent[], channels: ChannelRef[], now: number): Promise<number> {
    return this.run(() => this.db.transaction(() => this.insertEvents(events, channels, now)).immediate());
  }

  /** New events only (an id seen before is skipped), each with one delivery per channel. */
  private insertEvents(events: AnnouncementEvent[], channels: ChannelRef[], now: number): number {
    const addEvent = this.db.prepare('INSERT INTO events (id, kind, payload, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const addDelivery = this.db.prepare(
      `INSERT INTO outbox (event_id, platform, channel_id, workspace_id, language, status, next_attempt_at, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    let created = 0;
    for (const e of events) {
      if (addEvent.run(e.id, e.kind, JSON.stringify(e), now).changes !== 1) continue;
      for (const c of channels) created += addDelivery.run(e.id, c.platform, c.channelId, c.workspaceId, c.language ?? 'en', now, e.expiresAt ?? NEVER, now, now).changes;
    }
    return created;
  }

  async due(now: number, staleBefore: number, limit: number, platforms: readonly Platform[]): Promise<Delivery[]> {
    if (!platforms.length) return [];
    const inPlatforms = `o.platform IN (${placeholders(platforms.length)})`;
    const rows = await this.run(() =>
      this.db
        .transaction(() => {
          this.db
            .prepare(
              `UPDATE outbox AS o SET status = 'expired', last_error = 'expired before it could be delivered', updated_at = ?
               WHERE o.status IN ('pending', 'sending') AND o.expires_at <= ? AND ${inPlatforms}`,
            )
            .run(now, now, ...platforms);
          return this.db
            .prepare(
              `SELECT o.*, s.channel_type, s.permissions, e.payload FROM outbox o JOIN events e ON e.id = o.event_id
               LEFT JOIN subscriptions s ON s.platform = o.platform AND s.channel_id = o.channel_id
               WHERE ${inPlatforms} AND ((o.status = 'pending' AND o.next_attempt_at <= ?) OR (o.status = 'sending' AND o.claimed_at < ?))
               ORDER BY e.created_at, o.event_id, o.platform, o.channel_id LIMIT ?`,
            )
            .all(...platforms, now, staleBefore, limit) as OutboxRow[];
        })
        .immediate(),
    );
    return rows.map(toDelivery);
  }

  async claim(d: Delivery, now: number, staleBefore: number): Promise<boolean> {
    // A stale 'sending' row is one whose process died mid-post: whether it posted is unknown.
    const changes = await this.run(
      () =>
        this.db
          .prepare(
            `UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1, updated_at = ?,
               uncertain = CASE WHEN status = 'sending' THEN 1 ELSE uncertain END
             WHERE event_id = ? AND platform = ? AND channel_id = ? AND expires_at > ?
               AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_at < ?))`,
          )
          .run(now, now, d.event.id, d.channel.platform, d.channel.channelId, now, now, staleBefore).changes,
    );
    if (changes !== 1) return false;
    if (d.status === 'sending') d.uncertain = true;
    d.status = 'sending';
    d.attempts += 1;
    return true;
  }

  async markSent(d: Delivery, messageId: string | undefined, now: number): Promise<void> {
    await this.run(() =>
      this.db
        .prepare("UPDATE outbox SET status = 'sent', message_id = ?, last_error = NULL, updated_at = ? WHERE event_id = ? AND platform = ? AND channel_id = ?")
        .run(messageId ?? null, now, d.event.id, d.channel.platform, d.channel.channelId),
    );
  }

  async markFailed(d: Delivery, u: FailureUpdate, now: number): Promise<void> {
    await this.run(() =>
      this.db
        .prepare(
          `UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, uncertain = MAX(uncertain, ?), updated_at = ?
           WHERE event_id = ? AND platform = ? AND channel_id = ?`,
        )
        .run(
          u.retryAt === undefined ? 'failed' : 'pending',
          u.retryAt ?? now,
          u.error.slice(0, 500),
          u.uncertain ? 1 : 0,
          now,
          d.event.id,
          d.channel.platform,
          d.channel.channelId,
        ),
    );
  }

  async nextDueAt(platforms: readonly Platform[], staleMs: number): Promise<number | undefined> {
    if (!platforms.length) return undefined;
    const row = await this.run(
      () =>
        this.db
          .prepare(
            `SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at ELSE claimed_at + ? END) AS at
             FROM outbox WHERE status IN ('pending', 'sending') AND platform IN (${placeholders(platforms.length)})`,
          )
          .get(staleMs, ...platforms) as { at: number | null },
    );
    return row.at ?? undefined;
  }

  async outbox(limit = 1000): Promise<Delivery[]> {
    const rows = await this.run(
      () =>
        this.db
          .prepare(
            `SELECT o.*, s.channel_type, s.permissions, e.payload FROM outbox o JOIN events e ON e.id = o.event_id
             LEFT JOIN subscriptions s ON s.platform = o.platform AND s.channel_id = o.channel_id WHERE o.status != 'sent'
             ORDER BY e.created_at, o.event_id, o.platform, o.channel_id LIMIT ?`,
          )
          .all(limit) as OutboxRow[],
    );
    return rows.map(toDelivery);
  }

  async recordVote(vote: Vote): Promise<VoteResult> {
    const columns = voteColumns(vote);
    return this.run(() =>
      this.db
        .transaction((): VoteResult => {
          const before = this.db.prepare('SELECT value, reason FROM votes WHERE answer_key = ? AND voter = ?').get(vote.answerKey, vote.voter) as
            | Pick<VoteRow, 'value' | 'reason'>
            | undefined;
          if (before && before.value === vote.value && before.reason === (vote.reason ?? null)) return 'same';
          this.db
            .prepare(
              `INSERT INTO votes (answer_key, voter, platform, value, reason, intent, fact_id, request, language, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (answer_key, voter) DO UPDATE SET platform = excluded.platform, value = excluded.value, reason = excluded.reason, intent = excluded.intent,
                 fact_id = excluded.fact_id, request = excluded.request, language = excluded.language, at = excluded.at`,
            )
            .run(...columns);
          return before ? 'changed' : 'new';
        })
        .immediate(),
    );
  }

  async votes(since: Date): Promise<Vote[]> {
    const rows = await this.run(() => this.db.prepare('SELECT * FROM votes WHERE at >= ? ORDER BY at, answer_key, voter').all(since.getTime()) as VoteRow[]);
    return rows.map(voteOf);
  }

  async curationSecret(): Promise<string> {
    return this.run(() =>
      this.db
        .transaction(() => {
          this.db.prepare("INSERT INTO meta (key, value) VALUES ('curation_secret', ?) ON CONFLICT (key) DO NOTHING").run(randomBytes(32).toString('base64url'));
          return (this.db.prepare("SELECT value FROM meta WHERE key = 'curation_secret'").get() as { value: string }).value;
        })
        .immediate(),
    );
  }

  async counts(): Promise<Record<DeliveryStatus, number>> {
    return this.run(() => this.countsSync());
  }

  /** The same, synchronously (tests and benchmarks poll it). */
  countsSync(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, expired: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: DeliveryStatus; n: number }[]) counts[r.status] = r.n;
    return counts;
  }

  async logQuestion(e: QuestionEvent): Promise<void> {
    await this.run(() =>
      this.db
        .prepare(
          `INSERT INTO question_events (at, platform, outcome, intent, fact_id, request, language, confidence, question, asker)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          e.at.getTime(),
          e.platform,
          e.outcome,
          e.answer.intent,
          e.answer.factId ?? null,
          e.answer.request ? JSON.stringify(e.answer.request) : null,
          e.answer.language ?? null,
          e.confidence,
          e.question ?? null,
          e.asker ?? null,
        ),
    );
  }

  async questions(since: Date): Promise<QuestionEvent[]> {
    const rows = await this.run(() => this.db.prepare('SELECT * FROM question_events WHERE at >= ? ORDER BY at, id').all(since.getTime()) as QuestionRow[]);
    return rows.map(eventOf);
  }

  async pruneQuestions(before: Date): Promise<number> {
    return this.run(() => this.db.prepare('DELETE FROM question_events WHERE at < ?').run(before.getTime()).changes);
  }

  async deliveryFigures(since: Date): Promise<PlatformDeliveries[]> {
    return this.run(
      () =>
        this.db
          .prepare(
            `SELECT platform, SUM(status = 'sent') AS sent, SUM(attempts > 1) AS retried, SUM(status = 'failed') AS failed,
               SUM(status = 'expired') AS expired, SUM(status IN ('pending', 'sending')) AS pending
             FROM outbox WHERE created_at >= ? GROUP BY platform ORDER BY platform`,
          )
          .all(since.getTime()) as PlatformDeliveries[],
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toDelivery(r: OutboxRow): Delivery {
  return {
    event: JSON.parse(r.payload) as AnnouncementEvent,
    channel: channelOf(r),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    uncertain: r.uncertain === 1,
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}

/**
 * What the running bot opens: the store, after `PRAGMA quick_check` found it sound. A corrupt file
 * is closed again untouched (writing to it could only make it worse) and reported with the
 * problems SQLite found.
 */
export async function openCheckedSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const store = openSqliteStore(dataDir, options);
  try {
    const result = await store.check();
    if (!result.ok) {
      const shown = result.problems.slice(0, 3).join('; ');
      throw new StoreUnavailableError(
        store.path,
        `the database file is corrupt: restore a backup (docs/announcements.md) (PRAGMA quick_check: ${shown}${result.problems.length > 3 ? '; …' : ''})`,
        { reopen: true },
      );
    }
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
