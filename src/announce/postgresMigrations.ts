/**
 * The Postgres schema, as numbered migrations: migration N takes the schema from version N-1 to
 * N, in one transaction with its row in `schema_migrations`. Never edit one that has shipped: add
 * the next. Instances starting together migrate once: each takes a transaction-level advisory
 * lock first, and whoever comes second finds the work done.
 *
 * Times are epoch milliseconds (int8), as in the SQLite store, so both stores share one contract.
 */
import { StoreUnavailableError } from './store.js';
import type { Sql } from './postgresStore.js';

const MIGRATIONS: readonly string[] = [
  // 1: the announcement state: subscriptions, the announced snapshot (revision + knowledge version), events, the outbox.
  `
  CREATE TABLE subscriptions (
    platform text NOT NULL CHECK (platform IN ('slack', 'discord')),
    channel_id text NOT NULL,
    workspace_id text NOT NULL DEFAULT '',
    created_at int8 NOT NULL,
    created_by text,
    PRIMARY KEY (platform, channel_id));
  CREATE INDEX subscriptions_workspace ON subscriptions (platform, workspace_id);
  CREATE TABLE announced (
    id int PRIMARY KEY CHECK (id = 1),
    revision int8 NOT NULL,
    knowledge_version int8 NOT NULL DEFAULT 0,
    state jsonb NOT NULL,
    updated_at int8 NOT NULL);
  CREATE TABLE events (
    id text PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb NOT NULL,
    created_at int8 NOT NULL);
  CREATE TABLE outbox (
    event_id text NOT NULL REFERENCES events(id),
    platform text NOT NULL CHECK (platform IN ('slack', 'discord')),
    channel_id text NOT NULL,
    workspace_id text NOT NULL DEFAULT '',
    status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'expired')),
    attempts int NOT NULL DEFAULT 0,
    uncertain boolean NOT NULL DEFAULT false,
    next_attempt_at int8 NOT NULL,
    expires_at int8 NOT NULL,
    claimed_at int8,
    message_id text,
    last_error text,
    created_at int8 NOT NULL,
    updated_at int8 NOT NULL,
    PRIMARY KEY (event_id, platform, channel_id));
  CREATE INDEX outbox_due ON outbox (platform, status, next_attempt_at) WHERE status IN ('pending', 'sending');
  `,
  // 2: conversation state shared by the instances (follow-ups, shares, buttons), each entry with its expiry.
  `
  CREATE TABLE conversation_state (
    key text PRIMARY KEY,
    value jsonb NOT NULL,
    expires_at int8 NOT NULL);
  CREATE INDEX conversation_state_expiry ON conversation_state (expires_at);
  `,
  // 3: Slack installations (distribution over OAuth; the installation JSON sealed with AES-GCM, see
  // src/slack/oauth/tokenCipher.ts), and what a Discord channel was when it subscribed (its type,
  // the bot's permissions there), which the poster uses instead of asking the gateway.
  `
  CREATE TABLE slack_installations (
    installation_key text PRIMARY KEY,
    team_id text NOT NULL DEFAULT '',
    enterprise_id text NOT NULL DEFAULT '',
    is_enterprise_install boolean NOT NULL DEFAULT false,
    sealed text NOT NULL,
    token_expires_at int8,
    installed_at int8 NOT NULL,
    updated_at int8 NOT NULL);
  CREATE INDEX slack_installations_team ON slack_installations (team_id);
  ALTER TABLE subscriptions ADD COLUMN channel_type int, ADD COLUMN permissions text;
  `,
  // 4: languages: each subscription's announcements and each delivery in it (English for what was
  // there before), and the answer-language choices of users and channels (`/sma language`).
  `
  ALTER TABLE subscriptions ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko'));
  ALTER TABLE outbox ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko'));
  CREATE TABLE language_choices (
    platform text NOT NULL CHECK (platform IN ('slack', 'discord')),
    scope text NOT NULL CHECK (scope IN ('user', 'channel')),
    workspace_id text NOT NULL DEFAULT '',
    subject_id text NOT NULL,
    language text NOT NULL CHECK (language IN ('en', 'ko')),
    updated_at int8 NOT NULL,
    updated_by text,
    PRIMARY KEY (platform, scope, workspace_id, subject_id));
  `,
  // 5: readers' votes on answers (👍/👎, src/curation): one per answer and voter (a hash, never the
  // platform id), the last one counts; and settings, which keeps the secret voters are hashed with
  // when the operator set none (CURATION_SECRET), the same for every instance.
  `
  CREATE TABLE votes (
    answer_key text NOT NULL,
    voter text NOT NULL,
    platform text NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
    value text NOT NULL CHECK (value IN ('up', 'down')),
    reason text,
    intent text NOT NULL,
    fact_id text,
    request jsonb,
    language text CHECK (language IN ('en', 'ko')),
    at int8 NOT NULL,
    PRIMARY KEY (answer_key, voter));
  CREATE INDEX votes_at ON votes (at);
  CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL);
  `,
  // 6: the question log (src/curation/questionLog.ts): one row per turn, its outcome and what it
  // answered; the words and the hashed asker only with QUESTION_LOG=on. Pruned by age (`at`).
  `
  CREATE TABLE question_events (
    id bigserial PRIMARY KEY,
    at int8 NOT NULL,
    platform text NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
    outcome text NOT NULL CHECK (outcome IN ('answer', 'clarify', 'unknown', 'lacks', 'pick')),
    intent text NOT NULL,
    fact_id text,
    request jsonb,
    language text CHECK (language IN ('en', 'ko')),
    confidence double precision NOT NULL,
    question text,
    asker text);
  CREATE INDEX question_events_at ON question_events (at);
  `,
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** The schema version of the connected schema (0: never migrated). */
export async function postgresSchemaVersion(sql: Sql): Promise<number> {
  const [exists] = await sql<{ t: string | null }[]>`SELECT to_regclass('schema_migrations')::text AS t`;
  if (!exists?.t) return 0;
  const [row] = await sql<{ v: number | null }[]>`SELECT MAX(version)::int8 AS v FROM schema_migrations`;
  return row?.v ?? 0;
}

/** Brings the schema to this bot's version; refuses a schema from a newer bot. */
export async function migratePostgres(sql: Sql, location: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext('sma-bot migrations ' || current_schema()))`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version int8 PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
    const version = await postgresSchemaVersion(tx as unknown as Sql);
    if (version > POSTGRES_SCHEMA_VERSION) {
      throw new StoreUnavailableError(location, `schema version ${version} is newer than this bot's (${POSTGRES_SCHEMA_VERSION}); upgrade the bot`, { reopen: true });
    }
    for (let next = version + 1; next <= POSTGRES_SCHEMA_VERSION; next++) {
      await tx.unsafe(MIGRATIONS[next - 1]!);
      await tx`INSERT INTO schema_migrations (version) VALUES (${next})`;
    }
  });
}
