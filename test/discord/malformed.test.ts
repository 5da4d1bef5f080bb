/**
 * Malformed interactions over the real gateway path (the fake gateway's WebSocket, discord.js's
 * own INTERACTION_CREATE handling, REST on the loopback fake): no `data`, a button without its
 * `message`, no member nor user. Each gets an ephemeral apology (or, without id and token, is
 * dropped) with a log line naming what was missing; no unhandled rejection; the bot keeps answering.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../src/discord/index.js';
import { UNREADABLE } from '../../src/discord/malformed.js';
import { createLogger } from '../../src/log.js';
import { startFakeDiscord, waitFor, type FakeDiscord } from './fakeDiscord.js';
import { fakeResponder } from './fakeResponder.js';
import { APP_ID, buttonPayload, slash } from './payloads.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.fake-bot-token-for-the-loopback-gateway';
let fake: FakeDiscord;
let handle: DiscordHandle;
const logs: Record<string, any>[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  fake = await startFakeDiscord();
  handle = await startDiscord(
    { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api },
    { responder: fakeResponder(), logger: createLogger('debug', (line) => logs.push(JSON.parse(line))) },
    { rest: { retries: 0 } },
  );
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
  process.off('unhandledRejection', onUnhandled);
});

const callbackOf = (raw: { id: string; token: string }) => waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/interactions/${raw.id}/${raw.token}/callback`));

it('no data, a button with no message, no member or user: an ephemeral apology each, a log line naming what was missing, no unhandled rejection', async () => {
  const { data: _data, ...noData } = slash('next-round');
  const { message: _message, ...noMessage } = buttonPayload('sma:q:When is the next round?');
  const noUser: Record<string, unknown> & { id: string; token: string } = { ...slash('summary') };
  delete noUser.member;
  for (const raw of [noData, noMessage, noUser]) fake.dispatch('INTERACTION_CREATE', raw);
  for (const raw of [noData, noMessage, noUser]) {
    const call = await callbackOf(raw);
    expect(call.body).toEqual({ type: 4, data: { content: UNREADABLE, flags: 64, allowed_mentions: { parse: [] } } });
  }
  const malformed = logs.filter((l) => l.msg === 'discord interaction malformed: answered with an apology');
  expect(malformed.map((l) => [l.interactionId, l.missing])).toEqual([
    [noData.id, ['data (name, type)']],
    [noMessage.id, ['message']],
    [noUser.id, ['member.user or user']],
  ]);

  // Without id and token nothing can be answered: dropped, logged.
  const { id: _id, token: _token, ...anonymous } = slash('help');
  fake.dispatch('INTERACTION_CREATE', anonymous);
  await waitFor(() => logs.find((l) => l.msg === 'discord interaction malformed: dropped'));

  // Still answering.
  const ok = slash('next-round');
  fake.dispatch('INTERACTION_CREATE', ok);
  expect((await callbackOf(ok)).body.data.embeds[0].title).toBe(JSON.stringify({ intent: 'next-round' }));
  expect(unhandled).toEqual([]);
  expect(logs.filter((l) => l.msg === 'unhandled rejection' || l.msg === 'discord handler crashed')).toEqual([]);
});
