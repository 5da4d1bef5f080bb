/**
 * Conversation state with a TTL, in memory and shared through Postgres: what one instance stores
 * another reads, an entry is gone at its expiry (not only after a purge), a set replaces, and the
 * purge removes expired rows only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/announce/postgresStore.js';
import { MemoryConversationState, PostgresConversationState, type ConversationState } from '../../src/state/conversationState.js';
import { describePostgres, dropSchema, freshSchema } from '../support/postgres.js';

function behaves(make: (now: () => number) => Promise<{ a: ConversationState; b: ConversationState }>) {
  let t = 1_000_000;
  const now = () => t;
  it('stores JSON until its expiry, visible to every instance sharing it; set replaces, delete removes', async () => {
    const { a, b } = await make(now);
    await a.set('slack:T1:C1:U1', { question: 'when is the next round?', factIds: ['f1'] }, 30_000);
    expect(await b.get('slack:T1:C1:U1')).toEqual({ question: 'when is the next round?', factIds: ['f1'] });
    t += 29_999;
    expect(await b.get('slack:T1:C1:U1')).toBeDefined();
    t += 1;
    expect(await b.get('slack:T1:C1:U1')).toBeUndefined(); // expired: never used, even before a purge
    await a.set('k', 1, 1000);
    await b.set('k', 2, 1000);
    expect(await a.get('k')).toBe(2);
    await a.delete('k');
    expect(await b.get('k')).toBeUndefined();
  });

  it('claim: the first of two instances wins, even at once; an expired claim can be taken again', async () => {
    const { a, b } = await make(now);
    const results = await Promise.all([a.claim('click', true, 1000), b.claim('click', true, 1000), a.claim('click', true, 1000)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.claim('click', true, 1000)).toBe(false);
    t += 1000;
    expect(await b.claim('click', true, 1000)).toBe(true);
  });
}

describe('conversation state in memory', () => {
  behaves(async (now) => {
    const shared = new MemoryConversationState(now);
    return { a: shared, b: shared };
  });
});

describePostgres('conversation state in Postgres', (url) => {
  let schema: string;
  const stores: PostgresStore[] = [];
  beforeEach(() => {
    schema = freshSchema('state');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await dropSchema(url, schema);
  });
  const open = async (now: () => number) => {
    const s = await PostgresStore.open(url, { schema, max: 1 });
    stores.push(s);
    return new PostgresConversationState(s.sql, now);
  };
  behaves(async (now) => ({ a: await open(now), b: await open(now) }));

  it('purgeExpired deletes expired rows only, in batches', async () => {
    let t = 0;
    const state = await open(() => t);
    for (let i = 0; i < 5; i++) await state.set(`old${i}`, i, 10);
    await state.set('fresh', 'x', 1000);
    t = 100;
    expect(await state.purgeExpired(3)).toBe(3);
    expect(await state.purgeExpired(3)).toBe(2);
    expect(await state.get('fresh')).toBe('x');
  });
});
