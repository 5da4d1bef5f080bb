/**
 * The single-instance AnnouncementStore: one SQLite file in DATA_DIR (better-sqlite3 12, WAL mode),
 * created on first start, its schema versioned in `meta`. Writes that belong together happen in
 * one transaction; better-sqlite3 is synchronous, so each method is atomic within the process and
 * SQLite's file lock makes it atomic across processes (the CLI reading while the bot runs).
 *
 * Durability: WAL with synchronous=NORMAL survives a crash of the process without losing a
 * committed transaction; after a power failure the last transactions may be lost (SQLite's
 * documented trade-off). Losing a claim or a "sent" mark that way makes a delivery look unposted
 * and it is retried as an uncertain one (see `Delivery.uncertain`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AnnouncementEvent } from './events.js';
import type { Snapshot } from './snapshot.js';
import type { Announced, AnnouncementStore, ChannelRef, Delivery, DeliveryStatus, FailureUpdate, Platform } from './store.js';

export const SCHEMA_VERSION = 1;
export const STORE_FILE = 'sma-bot.sqlite';

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
};

interface OutboxRow {
  event_id: string;
  platform: Platform;
  channel_id: string;
  workspace_id: string;
  status: DeliveryStatus;
  attempts: number;
  uncertain: number;
  next_attempt_at: number;
  expires_at: number;
  claimed_at: number | null;
  last_error: string | null;
  created_at: number;
  payload: string;
}

/** Opens (creating it and its folder on first start) `DATA_DIR/sma-bot.sqlite`. */
export function openSqliteStore(dataDir: string, file = STORE_FILE): SqliteStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteStore(join(dataDir, file));
}

/** For `sma announce --dry-run`: read-only, and undefined when the bot has never run here. */
export function openSqliteStoreReadOnly(dataDir: string, file = STORE_FILE): SqliteStore | undefined {
  const path = join(dataDir, file);
  return existsSync(path) ? new SqliteStore(path, { readonly: true }) : undefined;
}

const NEVER = Number.MAX_SAFE_INTEGER;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class SqliteStore implements AnnouncementStore {
  readonly db: Database.Database;

  constructor(readonly path: string, options: { readonly?: boolean } = {}) {
    this.db = new Database(path, { readonly: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    if (options.readonly) {
      this.checkVersion(this.version());
      return;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private version(): number {
    const meta = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    if (!meta) return 0;
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  private checkVersion(version: number): void {
    if (version > SCHEMA_VERSION) throw new Error(`${this.path}: schema version ${version} is newer than this bot's (${SCHEMA_VERSION}); upgrade the bot`);
    if (version < SCHEMA_VERSION) throw new Error(`${this.path}: schema version ${version} is older than this bot's (${SCHEMA_VERSION}); start the bot once to upgrade it`);
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    let version = this.version();
    if (version > SCHEMA_VERSION) this.checkVersion(version);
    while (version < SCHEMA_VERSION) {
      const next = version + 1;
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[next]!);
        this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(next));
      })();
      version = next;
    }
  }

  async subscribe(c: ChannelRef, by?: string): Promise<boolean> {
    const r = this.db
      .prepare('INSERT INTO subscriptions (platform, channel_id, workspace_id, created_at, created_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(c.platform, c.channelId, c.workspaceId, Date.now(), by ?? null);
    return r.changes === 1;
  }

  async unsubscribe(c: Pick<ChannelRef, 'platform' | 'channelId'>): Promise<boolean> {
    return this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(c.platform, c.channelId).changes === 1;
  }

  async subscriptions(platform?: Platform, workspaceId?: string): Promise<ChannelRef[]> {
    const rows = this.db
      .prepare(
        `SELECT platform, channel_id, workspace_id FROM subscriptions
         WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR workspace_id = ?) ORDER BY created_at, platform, channel_id`,
      )
      .all(platform ?? null, platform ?? null, workspaceId ?? null, workspaceId ?? null) as { platform: Platform; channel_id: string; workspace_id: string }[];
    return rows.map((r) => ({ platform: r.platform, channelId: r.channel_id, workspaceId: r.workspace_id }));
  }

  async lastAnnounced(): Promise<Announced | undefined> {
    const row = this.db.prepare('SELECT revision, state FROM announced WHERE id = 1').get() as { revision: number; state: string } | undefined;
    return row ? { revision: row.revision, snapshot: JSON.parse(row.state) as Snapshot } : undefined;
  }

  async commit(expectedRevision: number, snapshot: Snapshot, events: AnnouncementEvent[], channels: ChannelRef[], now: number) {
    return this.db.transaction(() => {
      const state = JSON.stringify(snapshot);
      const changed =
        expectedRevision === 0
          ? this.db.prepare('INSERT INTO announced (id, revision, state, updated_at) VALUES (1, 1, ?, ?) ON CONFLICT(id) DO NOTHING').run(state, now).changes
          : this.db.prepare('UPDATE announced SET revision = revision + 1, state = ?, updated_at = ? WHERE id = 1 AND revision = ?').run(state, now, expectedRevision).changes;
      if (changed !== 1) return { committed: false, deliveries: 0 };
      return { committed: true, deliveries: this.insertEvents(events, channels, now) };
    })();
  }

  async enqueue(events: AnnouncementEvent[], channels: ChannelRef[], now: number): Promise<number> {
    return this.db.transaction(() => this.insertEvents(events, channels, now))();
  }

  /** New events only (an id seen before is skipped), each with one delivery per channel. */
  private insertEvents(events: AnnouncementEvent[], channels: ChannelRef[], now: number): number {
    const addEvent = this.db.prepare('INSERT INTO events (id, kind, payload, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const addDelivery = this.db.prepare(
      `INSERT INTO outbox (event_id, platform, channel_id, workspace_id, status, next_attempt_at, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    let created = 0;
    for (const e of events) {
      if (addEvent.run(e.id, e.kind, JSON.stringify(e), now).changes !== 1) continue;
      for (const c of channels) created += addDelivery.run(e.id, c.platform, c.channelId, c.workspaceId, now, e.expiresAt ?? NEVER, now, now).changes;
    }
    return created;
  }

  async due(now: number, staleBefore: number, limit: number, platforms: readonly Platform[]): Promise<Delivery[]> {
    if (!platforms.length) return [];
    const inPlatforms = `o.platform IN (${placeholders(platforms.length)})`;
    return this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE outbox AS o SET status = 'expired', last_error = 'expired before it could be delivered', updated_at = ?
           WHERE o.status IN ('pending', 'sending') AND o.expires_at <= ? AND ${inPlatforms}`,
        )
        .run(now, now, ...platforms);
      const rows = this.db
        .prepare(
          `SELECT o.*, e.payload FROM outbox o JOIN events e ON e.id = o.event_id
           WHERE ${inPlatforms} AND ((o.status = 'pending' AND o.next_attempt_at <= ?) OR (o.status = 'sending' AND o.claimed_at < ?))
           ORDER BY e.created_at, o.event_id, o.platform, o.channel_id LIMIT ?`,
        )
        .all(...platforms, now, staleBefore, limit) as OutboxRow[];
      return rows.map(toDelivery);
    })();
  }

  async claim(d: Delivery, now: number, staleBefore: number): Promise<boolean> {
    // A stale 'sending' row is one whose process died mid-post: whether it posted is unknown.
    const r = this.db
      .prepare(
        `UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1, updated_at = ?,
           uncertain = CASE WHEN status = 'sending' THEN 1 ELSE uncertain END
         WHERE event_id = ? AND platform = ? AND channel_id = ? AND expires_at > ?
           AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_at < ?))`,
      )
      .run(now, now, d.event.id, d.channel.platform, d.channel.channelId, now, now, staleBefore);
    if (r.changes !== 1) return false;
    if (d.status === 'sending') d.uncertain = true;
    d.status = 'sending';
    d.attempts += 1;
    return true;
  }

  async markSent(d: Delivery, messageId: string | undefined, now: number): Promise<void> {
    this.db
      .prepare("UPDATE outbox SET status = 'sent', message_id = ?, last_error = NULL, updated_at = ? WHERE event_id = ? AND platform = ? AND channel_id = ?")
      .run(messageId ?? null, now, d.event.id, d.channel.platform, d.channel.channelId);
  }

  async markFailed(d: Delivery, u: FailureUpdate, now: number): Promise<void> {
    this.db
      .prepare(
        `UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, uncertain = MAX(uncertain, ?), updated_at = ?
         WHERE event_id = ? AND platform = ? AND channel_id = ?`,
      )
      .run(u.retryAt === undefined ? 'failed' : 'pending', u.retryAt ?? now, u.error.slice(0, 500), u.uncertain ? 1 : 0, now, d.event.id, d.channel.platform, d.channel.channelId);
  }

  async nextDueAt(platforms: readonly Platform[], staleMs: number): Promise<number | undefined> {
    if (!platforms.length) return undefined;
    const row = this.db
      .prepare(
        `SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at ELSE claimed_at + ? END) AS at
         FROM outbox WHERE status IN ('pending', 'sending') AND platform IN (${placeholders(platforms.length)})`,
      )
      .get(staleMs, ...platforms) as { at: number | null };
    return row.at ?? undefined;
  }

  async outbox(limit = 1000): Promise<Delivery[]> {
    const rows = this.db
      .prepare(
        `SELECT o.*, e.payload FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.status != 'sent'
         ORDER BY e.created_at, o.event_id, o.platform, o.channel_id LIMIT ?`,
      )
      .all(limit) as OutboxRow[];
    return rows.map(toDelivery);
  }

  /** Counts by status, for `sma announce --dry-run` and the logs. */
  counts(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, expired: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: DeliveryStatus; n: number }[]) counts[r.status] = r.n;
    return counts;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toDelivery(r: OutboxRow): Delivery {
  return {
    event: JSON.parse(r.payload) as AnnouncementEvent,
    channel: { platform: r.platform, channelId: r.channel_id, workspaceId: r.workspace_id },
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    uncertain: r.uncertain === 1,
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}
