/**
 * The AnnouncementStore for several instances behind a load balancer: one Postgres database
 * (DATABASE_URL), through porsager's `postgres` client (a pool, and LISTEN/NOTIFY on its own
 * connection that it re-establishes by itself). The same contract as the SQLite store
 * (`test/announce/storeContract.ts` runs against both):
 *
 * - versioned migrations (`postgresMigrations.ts`), run once under an advisory lock however
 *   many instances start at the same moment; a database from a newer bot is refused;
 * - `commit` is a compare-and-set on the revision that also refuses an older knowledge version;
 *   events and their deliveries go in the same transaction, as two set-based INSERTs (a
 *   2,000-delivery commit is two statements, not 2,000);
 * - `claim` is `UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)`: a claim never waits behind
 *   another session's claim of the same row, it loses at once;
 * - `commit` and `enqueue` NOTIFY `sma_outbox` when they create deliveries, so the deliverer of
 *   whichever instance leads wakes at once instead of at its next poll (`onOutboxChange`).
 *
 * Faults follow the contract in `store.ts`: a refused connection, a server shutting down, a full
 * disk, a read-only server (a standby after failover), a statement that waited longer than
 * `statementTimeoutMs` for a lock, are StoreUnavailableError with the database's address
 * (never its password) and a reason; ResilientStore pauses and resumes on them. Waiting never
 * blocks the event loop: the client is asynchronous.
 */
import postgres from 'postgres';
import type { Language } from '../core/answer.js';
import type { AnnouncementEvent } from './events.js';
import { migratePostgres, POSTGRES_SCHEMA_VERSION, postgresSchemaVersion } from './postgresMigrations.js';
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

export type Sql = postgres.Sql<{ bigint: number }>;

export interface PostgresStoreOptions {
  /** Connections in this instance's pool (default 5). */
  max?: number;
  /** A statement waiting longer than this (a lock held elsewhere) gives up as StoreUnavailableError (default 10 s). */
  statementTimeoutMs?: number;
  /** Seconds to wait for a connection (default 5). */
  connectTimeoutS?: number;
  /** A schema other than `public` (tests give each suite its own; it is created if missing). */
  schema?: string;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

const OUTBOX_CHANNEL = 'sma_outbox';
const NEVER = Number.MAX_SAFE_INTEGER;

/** The URL without its password (and query), for logs, `/sma` replies and `location`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return 'postgres://(unparsable DATABASE_URL)';
  }
}

/** What each Postgres or connection failure means for an operator; undefined = a bug, not a fault. */
export function describePostgresError(error: unknown): { reason: string; reopen: boolean } | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const raw = `${code}: ${(error as Error).message}`;
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
      return { reason: `the database server cannot be reached: check that it runs and DATABASE_URL's host and port (${raw})`, reopen: false };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'CONNECTION_CLOSED':
    case 'CONNECTION_DESTROYED':
    case 'CONNECTION_ENDED':
      return { reason: `the connection to the database was lost (${raw})`, reopen: false };
    case '57P01':
    case '57P02':
    case '57P03':
      return { reason: `the database server is shutting down or starting up (${raw})`, reopen: false };
    case '53100':
      return { reason: `the database server's disk is full (${raw})`, reopen: false };
    case '53200':
    case '53300':
      return { reason: `the database server is out of memory or connections (${raw})`, reopen: false };
    case '25006':
      return { reason: `the database is read-only (a standby? point DATABASE_URL at the primary) (${raw})`, reopen: true };
    case '57014':
      return { reason: `a statement waited too long, most likely for a lock another session holds (${raw})`, reopen: false };
    case '40001':
    case '40P01':
      return { reason: `the transaction conflicted with another and was rolled back (${raw})`, reopen: false };
    case '28P01':
    case '28000':
      return { reason: `the database refused the login: check DATABASE_URL's user and password (${raw})`, reopen: true };
    case '3D000':
      return { reason: `the database does not exist: create it (createdb) or fix DATABASE_URL (${raw})`, reopen: true };
    case '42501':
      return { reason: `the database user lacks a privilege the bot needs (${raw})`, reopen: true };
    default:
      return code.startsWith('08') ? { reason: `the connection to the database failed (${raw})`, reopen: true } : undefined;
  }
}

/** A pool with the bot's settings: int8 as numbers (every int8 here is an epoch ms or a count, far below 2^53). */
export function connectPostgres(url: string, o: PostgresStoreOptions = {}): Sql {
  return postgres(url, {
    max: o.max ?? 5,
    connect_timeout: o.connectTimeoutS ?? 5,
    idle_timeout: 60,
    onnotice: () => {},
    types: { bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
    connection: {
      application_name: o.applicationName ?? 'sma-bot',
      statement_timeout: o.statementTimeoutMs ?? 10_000,
      ...(o.schema ? { search_path: o.schema } : {}),
    },
  }) as unknown as Sql;
}

interface OutboxRow {
  event_id: string;
  platform: Platform;
  channel_id: string;
  workspace_id: string;
  language: Language;
  status: DeliveryStatus;
  attempts: number;
  uncertain: boolean;
  next_attempt_at: number;
  created_at: number;
  last_error: string | null;
  channel_type: number | null;
  permissions: string | null;
  payload: string;
}

export class PostgresStore implements AnnouncementStore, QuestionLogStore, DeliveryFiguresStore {
  readonly location: string;

  private constructor(
    readonly sql: Sql,
    url: string,
    readonly schema: string | undefined,
  ) {
    this.location = redactDatabaseUrl(url) + (schema ? ` (schema ${schema})` : '');
  }

  /** Connects, migrates (once, under a lock) and checks the schema version. Throws StoreUnavailableError when it cannot. */
  static async open(url: string, o: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const sql = connectPostgres(url, o);
    const store = new PostgresStore(sql, url, o.schema);
    try {
      await store.run(async () => {
        // IF NOT EXISTS is not safe against a concurrent CREATE: instances starting together may race, and the loser's error only says the schema is there.
        if (o.schema)
          await sql`CREATE SCHEMA IF NOT EXISTS ${sql(o.schema)}`.catch((error: { code?: string }) => {
            if (error.code !== '23505' && error.code !== '42P06') throw error;
          });
        await migratePostgres(sql, store.location);
      });
      return store;
    } catch (error) {
      await sql.end({ timeout: 1 }).catch(() => undefined);
      throw error;
    }
  }

  /** Runs the work; connection and server faults become StoreUnavailableError, anything else is a bug and is rethrown. */
  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      const known = describePostgresError(error);
      if (!known) throw error;
      throw new StoreUnavailableError(this.location, known.reason, { reopen: known.reopen, cause: error });
    }
  }

  async check(): Promise<StoreCheck> {
    return this.run(async () => {
      const problems: string[] = [];
      const version = await postgresSchemaVersion(this.sql);
      if (version !== POSTGRES_SCHEMA_VERSION) problems.push(`schema version ${version}, this bot's is ${POSTGRES_SCHEMA_VERSION}`);
      const [{ readOnly }] = (await this.sql<{ readOnly: boolean }[]>`SELECT current_setting('transaction_read_only') = 'on' AS "readOnly"`) as unknown as [{ readOnly: boolean }];
      if (readOnly) problems.push('the database is read-only (a standby?): announcements cannot be recorded');
      return { ok: problems.length === 0, location: this.location, problems };
    });
  }

  async subscribe(c: ChannelRef, by?: string): Promise<boolean> {
    return this.run(async () => {
      // xmax = 0 only on a row this statement inserted (an updated row carries this transaction's id).
      const [row] = await this.sql<{ inserted: boolean }[]>`
        INSERT INTO subscriptions (platform, channel_id, workspace_id, created_at, created_by, channel_type, permissions, language)
        VALUES (${c.platform}, ${c.channelId}, ${c.workspaceId}, ${Date.now()}, ${by ?? null}, ${c.channelType ?? null}, ${c.permissions ?? null}, ${c.language ?? 'en'})
        ON CONFLICT (platform, channel_id) DO UPDATE SET channel_type = COALESCE(excluded.channel_type, subscriptions.channel_type), permissions = COALESCE(excluded.permissions, subscriptions.permissions)
        RETURNING (xmax = 0) AS inserted`;
      return row?.inserted === true;
    });
  }

  async unsubscribe(c: Pick<ChannelRef, 'platform' | 'channelId'>): Promise<boolean> {
    return this.run(async () => (await this.sql`DELETE FROM subscriptions WHERE platform = ${c.platform} AND channel_id = ${c.channelId}`).count === 1);
  }

  async subscriptions(platform?: Platform, workspaceId?: string): Promise<ChannelRef[]> {
    const rows = await this.run(
      () => this.sql<SubscriptionRow[]>`
        SELECT platform, channel_id, workspace_id, channel_type, permissions, language FROM subscriptions
        WHERE (${platform ?? null}::text IS NULL OR platform = ${platform ?? null})
          AND (${workspaceId ?? null}::text IS NULL OR workspace_id = ${workspaceId ?? null})
        ORDER BY created_at, platform COLLATE "C", channel_id COLLATE "C"`,
    );
    return rows.map(channelOf);
  }

  async setSubscriptionLanguage(c: Pick<ChannelRef, 'platform' | 'channelId'>, language: Language): Promise<boolean> {
    return this.run(
      async () =>
        (await this.sql`UPDATE subscriptions SET language = ${language} WHERE platform = ${c.platform} AND channel_id = ${c.channelId} AND language != ${language}`).count === 1,
    );
  }

  async setLanguage(s: LanguageSubject, language: Language | undefined, by?: string): Promise<boolean> {
    return this.run(async () => {
      const r = language
        ? await this.sql`
            INSERT INTO language_choices (platform, scope, workspace_id, subject_id, language, updated_at, updated_by)
            VALUES (${s.platform}, ${s.scope}, ${s.workspaceId}, ${s.subjectId}, ${language}, ${Date.now()}, ${by ?? null})
            ON CONFLICT (platform, scope, workspace_id, subject_id) DO UPDATE
              SET language = excluded.language, updated_at = excluded.updated_at, updated_by = excluded.updated_by
              WHERE language_choices.language != excluded.language`
        : await this.sql`DELETE FROM language_choices WHERE platform = ${s.platform} AND scope = ${s.scope} AND workspace_id = ${s.workspaceId} AND subject_id = ${s.subjectId}`;
      return r.count === 1;
    });
  }

  async languages(subjects: readonly LanguageSubject[]): Promise<(Language | undefined)[]> {
    if (!subjects.length) return [];
    const rows = await this.run(
      () => this.sql<{ i: number; language: Language }[]>`
        SELECT t.i::int8 AS i, c.language FROM unnest(${subjects.map((s) => s.platform)}::text[], ${subjects.map((s) => s.scope)}::text[],
          ${subjects.map((s) => s.workspaceId)}::text[], ${subjects.map((s) => s.subjectId)}::text[]) WITH ORDINALITY AS t(platform, scope, workspace_id, subject_id, i)
        JOIN language_choices c USING (platform, scope, workspace_id, subject_id)`,
    );
    const out: (Language | undefined)[] = subjects.map(() => undefined);
    for (const r of rows) out[r.i - 1] = r.language;
    return out;
  }

  async lastAnnounced(): Promise<Announced | undefined> {
    const [row] = await this.run(
      () => this.sql<{ revision: number; knowledge_version: number; state: string }[]>`SELECT revision, knowledge_version, state::text AS state FROM announced WHERE id = 1`,
    );
    return row ? { revision: row.revision, knowledgeVersion: row.knowledge_version, snapshot: JSON.parse(row.state) as Snapshot } : undefined;
  }

  async commit(expectedRevision: number, snapshot: Snapshot, events: AnnouncementEvent[], channels: ChannelRef[], now: number, knowledgeVersion = 0) {
    const state = JSON.stringify(snapshot);
    return this.run(() =>
      this.sql.begin(async (tx) => {
        const changed =
          expectedRevision === 0
            ? await tx`INSERT INTO announced (id, revision, knowledge_version, state, updated_at) VALUES (1, 1, ${knowledgeVersion}, ${state}::text::jsonb, ${now}) ON CONFLICT (id) DO NOTHING`
            : await tx`UPDATE announced SET revision = revision + 1, knowledge_version = ${knowledgeVersion}, state = ${state}::text::jsonb, updated_at = ${now}
                       WHERE id = 1 AND revision = ${expectedRevision} AND knowledge_version <= ${knowledgeVersion}`;
        if (changed.count !== 1) return { committed: false, deliveries: 0 };
        return { committed: true, deliveries: await insertEvents(tx as unknown as Sql, events, channels, now) };
      }),
    );
  }

  async enqueue(events: AnnouncementEvent[], channels: ChannelRef[], now: number): Promise<number> {
    if (!events.length) return 0;
    return this.run(() => this.sql.begin((tx) => insertEvents(tx as unknown as Sql, events, channels, now)));
  }

  async due(now: number, staleBefore: number, limit: number, platforms: readonly Platform[]): Promise<Delivery[]> {
    if (!platforms.length) return [];
    const list = [...platforms];
    const rows = await this.run(() =>
      this.sql.begin(async (tx) => {
        await tx`UPDATE outbox SET status = 'expired', last_error = 'expired before it could be delivered', updated_at = ${now}
                 WHERE status IN ('pending', 'sending') AND expires_at <= ${now} AND platform = ANY(${list})`;
        return tx<OutboxRow[]>`
          SELECT o.*, s.channel_type, s.permissions, e.payload::text AS payload FROM outbox o JOIN events e ON e.id = o.event_id
          LEFT JOIN subscriptions s ON s.platform = o.platform AND s.channel_id = o.channel_id
          WHERE o.platform = ANY(${list}) AND ((o.status = 'pending' AND o.next_attempt_at <= ${now}) OR (o.status = 'sending' AND o.claimed_at < ${staleBefore}))
          ORDER BY e.created_at, o.event_id COLLATE "C", o.platform COLLATE "C", o.channel_id COLLATE "C" LIMIT ${limit}`;
      }),
    );
    return (rows as unknown as OutboxRow[]).map(toDelivery);
  }

  async claim(d: Delivery, now: number, staleBefore: number): Promise<boolean> {
    // A stale 'sending' row is one whose process died mid-post: whether it posted is unknown.
    const claimed = await this.run(
      () => this.sql`
        UPDATE outbox o SET status = 'sending', claimed_at = ${now}, attempts = o.attempts + 1, updated_at = ${now},
          uncertain = o.uncertain OR o.status = 'sending'
        FROM (SELECT event_id, platform, channel_id FROM outbox
              WHERE event_id = ${d.event.id} AND platform = ${d.channel.platform} AND channel_id = ${d.channel.channelId} AND expires_at > ${now}
                AND ((status = 'pending' AND next_attempt_at <= ${now}) OR (status = 'sending' AND claimed_at < ${staleBefore}))
              FOR UPDATE SKIP LOCKED) mine
        WHERE o.event_id = mine.event_id AND o.platform = mine.platform AND o.channel_id = mine.channel_id`,
    );
    if (claimed.count !== 1) return false;
    if (d.status === 'sending') d.uncertain = true;
    d.status = 'sending';
    d.attempts += 1;
    return true;
  }

  async markSent(d: Delivery, messageId: string | undefined, now: number): Promise<void> {
    await this.run(
      () => this.sql`UPDATE outbox SET status = 'sent', message_id = ${messageId ?? null}, last_error = NULL, updated_at = ${now}
                     WHERE event_id = ${d.event.id} AND platform = ${d.channel.platform} AND channel_id = ${d.channel.channelId}`,
    );
  }

  async markFailed(d: Delivery, u: FailureUpdate, now: number): Promise<void> {
    await this.run(
      () => this.sql`UPDATE outbox SET status = ${u.retryAt === undefined ? 'failed' : 'pending'}, next_attempt_at = ${u.retryAt ?? now},
                       last_error = ${u.error.slice(0, 500)}, uncertain = uncertain OR ${u.uncertain}, updated_at = ${now}
                     WHERE event_id = ${d.event.id} AND platform = ${d.channel.platform} AND channel_id = ${d.channel.channelId}`,
    );
  }

  async nextDueAt(platforms: readonly Platform[], staleMs: number): Promise<number | undefined> {
    if (!platforms.length) return undefined;
    const [row] = await this.run(
      () => this.sql<{ at: number | null }[]>`
        SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at ELSE claimed_at + ${staleMs} END) AS at
        FROM outbox WHERE status IN ('pending', 'sending') AND platform = ANY(${[...platforms]})`,
    );
    return row?.at ?? undefined;
  }

  async outbox(limit = 1000): Promise<Delivery[]> {
    const rows = await this.run(
      () => this.sql<OutboxRow[]>`
        SELECT o.*, s.channel_type, s.permissions, e.payload::text AS payload FROM outbox o JOIN events e ON e.id = o.event_id
        LEFT JOIN subscriptions s ON s.platform = o.platform AND s.channel_id = o.channel_id WHERE o.status != 'sent'
        ORDER BY e.created_at, o.event_id COLLATE "C", o.platform COLLATE "C", o.channel_id COLLATE "C" LIMIT ${limit}`,
    );
    return rows.map(toDelivery);
  }

  async recordVote(vote: Vote): Promise<VoteResult> {
    const [answerKey, voter, platform, value, reason, intent, factId, request, language, at] = voteColumns(vote);
    // One statement, so two clicks at once cannot both be "new": the update only happens when the
    // value or the reason differ (no row back: the same vote), and xmax = 0 marks an inserted row.
    const rows = await this.run(
      () => this.sql<{ inserted: boolean }[]>`
        INSERT INTO votes (answer_key, voter, platform, value, reason, intent, fact_id, request, language, at)
        VALUES (${answerKey}, ${voter}, ${platform}, ${value}, ${reason}, ${intent}, ${factId}, ${request}::text::jsonb, ${language}, ${at})
        ON CONFLICT (answer_key, voter) DO UPDATE SET platform = excluded.platform, value = excluded.value, reason = excluded.reason, intent = excluded.intent,
          fact_id = excluded.fact_id, request = excluded.request, language = excluded.language, at = excluded.at
        WHERE (votes.value, votes.reason) IS DISTINCT FROM (excluded.value, excluded.reason)
        RETURNING (xmax = 0) AS inserted`,
    );
    if (!rows.length) return 'same';
    return rows[0]!.inserted ? 'new' : 'changed';
  }

  async votes(since: Date): Promise<Vote[]> {
    const rows = await this.run(
      () => this.sql<VoteRow[]>`
        SELECT answer_key, voter, platform, value, reason, intent, fact_id, request::text AS request, language, at FROM votes
        WHERE at >= ${since.getTime()} ORDER BY at, answer_key COLLATE "C", voter COLLATE "C"`,
    );
    return rows.map(voteOf);
  }

  async curationSecret(): Promise<string> {
    return this.run(async () => {
      await this.sql`INSERT INTO settings (key, value) VALUES ('curation_secret', ${randomBytes(32).toString('base64url')}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await this.sql<{ value: string }[]>`SELECT value FROM settings WHERE key = 'curation_secret'`;
      return row!.value;
    });
  }

  async counts(): Promise<Record<DeliveryStatus, number>> {
    const rows = await this.run(() => this.sql<{ status: DeliveryStatus; n: number }[]>`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`);
    const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, expired: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  async onOutboxChange(listener: () => void): Promise<() => Promise<void>> {
    // The notification carries the schema, so that stores in other schemas of one database (tests) do not wake each other.
    const mine = this.schema ?? 'public';
    const { unlisten } = await this.run(() => this.sql.listen(OUTBOX_CHANNEL, (payload) => payload === mine && listener()));
    return () => unlisten().catch(() => undefined);
  }

  async logQuestion(e: QuestionEvent): Promise<void> {
    await this.run(
      () => this.sql`
        INSERT INTO question_events (at, platform, outcome, intent, fact_id, request, language, confidence, question, asker)
        VALUES (${e.at.getTime()}, ${e.platform}, ${e.outcome}, ${e.answer.intent}, ${e.answer.factId ?? null},
          ${e.answer.request ? JSON.stringify(e.answer.request) : null}::text::jsonb, ${e.answer.language ?? null}, ${e.confidence}, ${e.question ?? null}, ${e.asker ?? null})`,
    );
  }

  async questions(since: Date): Promise<QuestionEvent[]> {
    const rows = await this.run(
      () => this.sql<QuestionRow[]>`
        SELECT at, platform, outcome, intent, fact_id, request::text AS request, language, confidence, question, asker
        FROM question_events WHERE at >= ${since.getTime()} ORDER BY at, id`,
    );
    return rows.map(eventOf);
  }

  async pruneQuestions(before: Date): Promise<number> {
    return this.run(async () => (await this.sql`DELETE FROM question_events WHERE at < ${before.getTime()}`).count);
  }

  async deliveryFigures(since: Date): Promise<PlatformDeliveries[]> {
    const rows = await this.run(
      () => this.sql<PlatformDeliveries[]>`
        SELECT platform, COUNT(*) FILTER (WHERE status = 'sent')::int8 AS sent, COUNT(*) FILTER (WHERE attempts > 1)::int8 AS retried,
          COUNT(*) FILTER (WHERE status = 'failed')::int8 AS failed, COUNT(*) FILTER (WHERE status = 'expired')::int8 AS expired,
          COUNT(*) FILTER (WHERE status IN ('pending', 'sending'))::int8 AS pending
        FROM outbox WHERE created_at >= ${since.getTime()} GROUP BY platform ORDER BY platform COLLATE "C"`,
    );
    return rows.map((r) => ({ ...r }));
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sql.end({ timeout: 5 });
  }
}

/** New events only (an id seen before is skipped), each with one delivery per channel; NOTIFY when any was created. */
async function insertEvents(tx: Sql, events: AnnouncementEvent[], channels: ChannelRef[], now: number): Promise<number> {
  if (!events.length) return 0;
  const added = await tx<{ id: string; expires_at: number }[]>`
    INSERT INTO events (id, kind, payload, created_at)
    SELECT id, kind, payload::jsonb, ${now} FROM unnest(${events.map((e) => e.id)}::text[], ${events.map((e) => e.kind)}::text[], ${events.map((e) => JSON.stringify(e))}::text[]) AS t(id, kind, payload)
    ON CONFLICT DO NOTHING RETURNING id, COALESCE((payload->>'expiresAt')::int8, ${NEVER}) AS expires_at`;
  if (!added.length || !channels.length) return 0;
  const created = await tx`
    INSERT INTO outbox (event_id, platform, channel_id, workspace_id, language, status, next_attempt_at, expires_at, created_at, updated_at)
    SELECT e.id, c.platform, c.channel_id, c.workspace_id, c.language, 'pending', ${now}, e.expires_at, ${now}, ${now}
    FROM unnest(${added.map((e) => e.id)}::text[], ${added.map((e) => e.expires_at)}::int8[]) AS e(id, expires_at)
    CROSS JOIN unnest(${channels.map((c) => c.platform)}::text[], ${channels.map((c) => c.channelId)}::text[], ${channels.map((c) => c.workspaceId)}::text[],
      ${channels.map((c) => c.language ?? 'en')}::text[]) AS c(platform, channel_id, workspace_id, language)
    ON CONFLICT DO NOTHING`;
  if (created.count) await tx`SELECT pg_notify(${OUTBOX_CHANNEL}, current_schema())`;
  return created.count;
}

function toDelivery(r: OutboxRow): Delivery {
  return {
    event: JSON.parse(r.payload) as AnnouncementEvent,
    channel: channelOf(r),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    uncertain: r.uncertain,
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}
