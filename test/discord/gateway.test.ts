/**
 * Smoke test of start-up: `startDiscord` logs in against a fake gateway exactly as against
 * Discord (GET /gateway/bot, WebSocket HELLO, IDENTIFY with intents, READY), then answers an
 * interaction that arrives over the socket, then stops cleanly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Events } from 'discord.js';
import { createLogger } from '../../src/log.js';
import { startDiscord } from '../../src/discord/index.js';
import type { DiscordHandle } from '../../src/discord/index.js';
import { startFakeDiscord, waitFor } from './fakeDiscord.js';
import type { FakeDiscord } from './fakeDiscord.js';
import { fakeResponder } from './fakeResponder.js';
import { APP_ID, slash } from './payloads.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.fake-bot-token-for-the-loopback-gateway';
let fake: FakeDiscord;
let handle: DiscordHandle | undefined;
const logs: Record<string, any>[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await handle?.stop();
  await fake.close();
});

it('logs in with intents Guilds only, answers an interaction from the gateway, and stops', async () => {
  const responder = fakeResponder();
  handle = await startDiscord(
    { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api },
    { responder, logger: createLogger('debug', (line) => logs.push(JSON.parse(line))) },
    { rest: { retries: 0 } },
  );

  // discovery over REST, with the bot token
  const discovery = fake.calls.find((c) => c.method === 'GET' && c.path === '/gateway/bot');
  expect(discovery?.headers.authorization).toBe(`Bot ${TOKEN}`);

  // IDENTIFY: the token and intents = Guilds (1 << 0) and nothing else
  const identify = fake.frames.find((f) => f.op === 2);
  expect(identify?.d.token).toBe(TOKEN);
  expect(identify?.d.intents).toBe(1);

  expect(handle.client.isReady()).toBe(true);
  expect(handle.client.user?.username).toBe('sma-bot');
  expect(handle.client.listenerCount(Events.Error)).toBeGreaterThan(0);
  expect(logs.find((l) => l.msg === 'discord connected')).toMatchObject({ user: 'sma-bot', invite: expect.stringContaining(`client_id=${APP_ID}`) });
  expect(JSON.stringify(logs)).not.toContain('fake-bot-token');

  // an interaction over the socket → the callback on REST
  const raw = slash('next-round');
  fake.dispatch('INTERACTION_CREATE', raw);
  const call = await waitFor(() => fake.calls.find((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`));
  expect(call.body.type).toBe(4);
  expect(call.body.data.embeds[0].title).toBe('{"intent":"next-round"}');
  expect(responder.asked.map((a) => a.question)).toEqual([{ intent: 'next-round' }]);

  await handle.stop();
  expect(handle.client.isReady()).toBe(false);
  handle = undefined;
});

it('refuses to start without a token, before touching the network', async () => {
  const before = fake.calls.length;
  await expect(
    startDiscord({ DISCORD_TOKEN: undefined, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api }, { responder: fakeResponder(), logger: createLogger('error', () => {}) }),
  ).rejects.toThrow(/DISCORD_TOKEN/);
  expect(fake.calls.length).toBe(before);
});
