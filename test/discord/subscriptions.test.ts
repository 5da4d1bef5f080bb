/**
 * `/sma-admin subscribe | unsubscribe | subscriptions` on the real discord.js stack against the
 * loopback fake, with the real subscriptions service over a temporary SQLite store.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import { createSubscriptions } from '../../src/announce/subscriptions.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../announce/helpers.js';
import { fakeResponder } from './fakeResponder.js';
import { startFakeDiscord, waitFor, type FakeDiscord } from './fakeDiscord.js';
import { ANNOUNCE_PERMS, APP_ID, CHANNEL_ID, GUILD_ID, USER_ID, slash } from './payloads.js';

const FIXED_HERE = '300000000000000021';
const FIXED_ELSEWHERE = '300000000000000022';
let fake: FakeDiscord;
let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
let client: Client;
const clients: Client[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await fake.close();
});
beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.dir);
  const fixed = [FIXED_HERE, FIXED_ELSEWHERE].map((channelId) => ({ platform: 'discord' as const, workspaceId: '', channelId }));
  ({ client } = createDiscordClient(
    { DISCORD_API_URL: fake.api },
    { responder: fakeResponder(), logger: createLogger('error', () => {}), subscriptions: createSubscriptions(store, fixed) },
    { rest: { retries: 0 } },
  ));
  clients.push(client);
  // What the gateway's GUILD_CREATE would have cached: one of the operator's channels is in this server.
  (client.guilds as any)._add({
    id: GUILD_ID,
    name: 'SMA watchers',
    unavailable: false,
    channels: [
      { id: FIXED_HERE, type: 0, name: 'sma-news' },
      { id: CHANNEL_ID, type: 5, name: 'sma-updates' },
    ],
    roles: [],
    members: [],
    emojis: [],
  });
});
afterEach(() => {
  store.close();
  tmp.remove();
});

async function admin(sub: string, channelId = CHANNEL_ID) {
  const base = slash(sub, [], { command: 'sma-admin' });
  const raw = { ...base, channel_id: channelId, channel: { ...base.channel, id: channelId } };
  (client as any).actions.InteractionCreate.handle(raw);
  const callback = await waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/interactions/${raw.id}/${raw.token}/callback`));
  const edit = await waitFor(() => fake.calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${raw.token}/messages/@original`));
  return { deferred: callback.body, content: edit.body.content as string, allowedMentions: edit.body.allowed_mentions };
}

describe('/sma-admin with the announcement store', () => {
  it('subscribe stores the channel with who did it, publicly; a second time says it already is', async () => {
    const first = await admin('subscribe');
    expect(first.deferred).toEqual({ type: 5, data: { flags: 0 } });
    expect(first.content).toMatch(/^This channel will now receive SMA round updates/);
    expect(first.allowedMentions).toEqual({ parse: [] });
    // With what the channel is (an announcement channel) and what the bot may do there, for the poster.
    expect(await store.subscriptions('discord', GUILD_ID)).toEqual([
      { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID, channelType: 5, permissions: ANNOUNCE_PERMS },
    ]);
    expect(store.db.prepare('SELECT created_by FROM subscriptions').get()).toEqual({ created_by: USER_ID });
    expect((await admin('subscribe')).content).toBe('This channel already receives SMA round updates.');
  });

  it("the operator's channel cannot be subscribed or unsubscribed here", async () => {
    expect((await admin('subscribe', FIXED_HERE)).content).toMatch(/always receives .* ANNOUNCE_DISCORD_CHANNELS/);
    expect((await admin('unsubscribe', FIXED_HERE)).content).toMatch(/only they can stop them/);
    expect(await store.subscriptions()).toEqual([]);
  });

  it('unsubscribe removes it; again says it was not subscribed', async () => {
    await admin('subscribe');
    expect((await admin('unsubscribe')).content).toBe('This channel will no longer receive SMA round updates.');
    expect(await store.subscriptions()).toEqual([]);
    expect((await admin('unsubscribe')).content).toBe('This channel was not subscribed to SMA round updates.');
  });

  it("subscriptions lists this server's channels privately: stored ones and the operator's that are here", async () => {
    await admin('subscribe');
    await store.subscribe({ platform: 'discord', workspaceId: '299999999999999999', channelId: '300000000000000099' }); // another server
    const listed = await admin('subscriptions');
    expect(listed.deferred).toEqual({ type: 5, data: { flags: 64 } });
    expect(listed.content).toBe(`Channels in this server that receive SMA round updates:\n• <#${FIXED_HERE}> (set by the bot's operator)\n• <#${CHANNEL_ID}> (this channel)`);
  });

  it('a store that cannot be written (read-only): subscribe says announcements and subscriptions are paused, why and where', async () => {
    store.db.pragma('query_only = ON'); // what SQLite answers on a read-only file or disk
    const reply = await admin('subscribe');
    expect(reply.content).toMatch(/^Round announcements and subscriptions are paused: the bot cannot use its store \(/);
    expect(reply.content).toContain(`${store.path}: the database is read-only`);
    expect(reply.content).toContain('Questions are still answered');
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it('subscriptions with nothing subscribed here says how to start', async () => {
    (client.channels as any).cache.delete(FIXED_HERE);
    expect((await admin('subscriptions')).content).toMatch(/^No channel in this server receives SMA round updates yet/);
  });
});
