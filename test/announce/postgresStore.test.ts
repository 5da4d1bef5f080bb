/**
 * What only the Postgres store has, against a real server: migrations run once however many
 * instances start together, a schema from a newer bot is refused, NOTIFY wakes another instance's
 * deliverer at once, and an unreachable server is a fault (paused, with the address but never
 * the password) rather than a crash.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Deliverer } from '../../src/announce/delivery.js';
import { connectPostgres, PostgresStore, redactDatabaseUrl } from '../../src/announce/postgresStore.js';
import { POSTGRES_SCHEMA_VERSION } from '../../src/announce/postgresMigrations.js';
import { ResilientStore } from '../../src/announce/resilientStore.js';
import { StoreUnavailableError } from '../../src/announce/store.js';
import { describePostgres, dropSchema, freshSchema } from '../support/postgres.js';
import { captureLogger, recordingPoster, slackChannel } from './helpers.js';

const event = (id: string) => ({ id, kind: 'round-scheduled' as const, subject: 'r', headline: id, detail: '' });

describePostgres('Postgres store', (url) => {
  let schema: string;
  const opened: { close(): Promise<void> }[] = [];
  const open = async () => {
    const s = await PostgresStore.open(url, { schema, max: 2 });
    opened.push(s);
    return s;
  };
  beforeEach(() => {
    schema = freshSchema('store');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await dropSchema(url, schema);
  });

  it('five instances starting at once migrate the schema once', async () => {
    const stores = await Promise.all(Array.from({ length: 5 }, open));
    const rows = await stores[0]!.sql<{ version: number }[]>`SELECT version FROM schema_migrations ORDER BY version`;
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
    for (const s of stores) expect((await s.check()).ok).toBe(true);
  });

  it('refuses a schema from a newer bot, naming both versions', async () => {
    const s = await open();
    await s.sql`INSERT INTO schema_migrations (version) VALUES (99)`;
    await expect(PostgresStore.open(url, { schema })).rejects.toThrow(`schema version 99 is newer than this bot's (${POSTGRES_SCHEMA_VERSION}); upgrade the bot`);
    expect((await s.check()).problems).toEqual([`schema version 99, this bot's is ${POSTGRES_SCHEMA_VERSION}`]);
  });

  it("another instance's new deliveries wake a sleeping deliverer at once (LISTEN/NOTIFY), not at its next poll", async () => {
    const { logger } = captureLogger();
    const leader = new ResilientStore({ location: 'pg', open, logger });
    opened.push(leader);
    const poster = recordingPoster();
    const deliverer = new Deliverer(leader, { slack: poster }, { logger, pollMs: 60_000 });
    await leader.onOutboxChange(() => deliverer.kick());
    await leader.open();
    deliverer.start();
    await new Promise((r) => setTimeout(r, 200)); // the first pass found nothing; the deliverer sleeps for a minute
    const elsewhere = await open();
    const other = freshSchema('other');
    const unrelated = await PostgresStore.open(url, { schema: other, max: 1 });
    try {
      await unrelated.enqueue([event('elsewhere')], [slackChannel('C9')], Date.now());
      const queuedAt = Date.now();
      await elsewhere.enqueue([event('e1')], [slackChannel('C1')], Date.now());
      while (poster.calls.length === 0 && Date.now() - queuedAt < 5000) await new Promise((r) => setTimeout(r, 10));
      expect(Date.now() - queuedAt).toBeLessThan(1000);
      expect(poster.calls.map((c) => c.event.id)).toEqual(['e1']); // another schema's notification is not ours
    } finally {
      await deliverer.stop();
      await unrelated.close();
      await dropSchema(url, other);
    }
  });

  it('an unreachable server is a store fault naming the address, never the password; the bot pauses', async () => {
    const bad = 'postgres://sma:s3cret-pw@127.0.0.1:1/sma';
    const error = await PostgresStore.open(bad, { connectTimeoutS: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).location).toBe('postgres://sma@127.0.0.1:1/sma');
    expect((error as StoreUnavailableError).reason).toMatch(/^the database server cannot be reached: check that it runs and DATABASE_URL's host and port/);
    const { logger, lines } = captureLogger();
    const store = new ResilientStore({ location: redactDatabaseUrl(bad), open: () => PostgresStore.open(bad, { connectTimeoutS: 2 }), logger });
    expect(await store.open()).toBe(false);
    expect(store.paused()).toMatchObject({ location: 'postgres://sma@127.0.0.1:1/sma' });
    expect(JSON.stringify(lines)).not.toContain('s3cret-pw');
    await store.close();
  });

  it('a statement waiting on a lock held by another session gives up as a store fault (statement_timeout)', async () => {
    const s = await PostgresStore.open(url, { schema, max: 2, statementTimeoutMs: 300 });
    opened.push(s);
    const holder = connectPostgres(url, { schema, max: 1 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const tx = holder.begin(async (t) => {
        await t`LOCK TABLE subscriptions IN ACCESS EXCLUSIVE MODE`;
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await expect(s.subscribe(slackChannel('C1'))).rejects.toMatchObject({
        name: 'StoreUnavailableError',
        reason: expect.stringMatching(/waited too long, most likely for a lock/),
      });
      expect(Date.now() - started).toBeLessThan(2000);
      release();
      await tx;
      expect(await s.subscribe(slackChannel('C1'))).toBe(true);
    } finally {
      await holder.end({ timeout: 1 });
    }
  });
});
