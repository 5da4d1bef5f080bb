/**
 * Conversation state that must survive a load balancer sending the next request of a
 * conversation to another instance: the previous answer behind "what is the source for this?",
 * an answer waiting to be shared, the question behind a button. Each entry expires (a TTL), so
 * the table never grows without bound and stale context is never used.
 *
 * Two implementations of one interface: in memory (one instance; an LRU bounded to `max`
 * conversations, the least recently used dropped first) and Postgres (the `conversation_state`
 * table of migration 2). Reads ignore expired entries at once; `purgeExpired` deletes expired rows
 * in small batches (the leader runs it every minute). What is stored, and for how long, is the
 * conversation service's policy (src/conversation/service.ts), not this module's.
 */
import { LRUCache } from 'lru-cache';
import type { Sql } from '../announce/postgresStore.js';

export interface ConversationState {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` (JSON) under `key` until `ttlMs` from now, replacing what was there. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Stores `value` only if `key` holds nothing unexpired: true for the first caller, on whichever instance (a double click posts once). */
  claim(key: string, value: unknown, ttlMs: number): Promise<boolean>;
}

/** Conversations kept in memory by default: beyond this the least recently used is forgotten. */
export const MAX_MEMORY_CONVERSATIONS = 10_000;

export class MemoryConversationState implements ConversationState {
  private readonly entries: LRUCache<string, { json: string; expiresAt: number }>;

  constructor(
    private readonly now: () => number = Date.now,
    max = MAX_MEMORY_CONVERSATIONS,
  ) {
    // lru-cache drops stale entries by their TTL on this clock; ttlResolution 0 reads the clock on
    // every check (an injected clock moves in jumps).
    this.entries = new LRUCache({ max, perf: { now }, ttlResolution: 0 });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.entries.get(key);
    // Expired at `expiresAt` itself, as Postgres's `expires_at > now` has it (lru-cache keeps an entry one millisecond longer).
    if (!e || e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return JSON.parse(e.json) as T;
  }

  /** Stored as JSON, so what is read back is a copy, as from Postgres. */
  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.entries.set(key, { json: JSON.stringify(value), expiresAt: this.now() + ttlMs }, { ttl: ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async claim(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    // Checked and set with no await in between: two claims in one process cannot both win.
    const e = this.entries.get(key);
    if (e && e.expiresAt > this.now()) return false;
    this.entries.set(key, { json: JSON.stringify(value), expiresAt: this.now() + ttlMs });
    return true;
  }
}

export class PostgresConversationState implements ConversationState {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const [row] = await this.sql<{ value: string }[]>`SELECT value::text AS value FROM conversation_state WHERE key = ${key} AND expires_at > ${this.now()}`;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const expiresAt = this.now() + ttlMs;
    await this.sql`INSERT INTO conversation_state (key, value, expires_at) VALUES (${key}, ${JSON.stringify(value)}::text::jsonb, ${expiresAt})
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`;
  }

  async delete(key: string): Promise<void> {
    await this.sql`DELETE FROM conversation_state WHERE key = ${key}`;
  }

  async claim(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    const now = this.now();
    // One statement: two instances claiming at once serialize on the row, and only one sees count 1.
    const r = await this.sql`INSERT INTO conversation_state (key, value, expires_at) VALUES (${key}, ${JSON.stringify(value)}::text::jsonb, ${now + ttlMs})
                             ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at WHERE conversation_state.expires_at <= ${now}`;
    return r.count === 1;
  }

  /** Deletes up to `batch` expired entries; returns how many (call again while it returns `batch`). */
  async purgeExpired(batch = 1000): Promise<number> {
    const r = await this.sql`DELETE FROM conversation_state WHERE key IN (SELECT key FROM conversation_state WHERE expires_at <= ${this.now()} LIMIT ${batch})`;
    return r.count;
  }
}
