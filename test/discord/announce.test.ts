/**
 * Discord announcements: the embed, and the outbox's poster on the real discord.js REST stack
 * against the loopback fake: the request Discord receives (nonce + enforce_nonce, no mentions),
 * publishing in announcement channels, rate limits handled by the REST queue, and each failure as
 * the outbox's PostError.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { Deliverer, PostError, shortKey, type PostContext } from '../../src/announce/delivery.js';
import { openSqliteStore } from '../../src/announce/sqliteStore.js';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { createDiscordPoster, discordPostError, renderAnnouncementEmbed } from '../../src/discord/announce.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { createLogger } from '../../src/log.js';
import { fakeResponder } from './fakeResponder.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord.js';
import { tempDir } from '../announce/helpers.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789';
const TEXT = '300000000000000003';
const NEWS = '300000000000000005';
const EVENT: AnnouncementEvent = {
  id: 'round-held:sma12-r3@4',
  kind: 'round-held',
  subject: 'sma12-r3',
  headline: 'Held: Round 3 of the 12th SMA talks: June 10–12, 2024, Washington',
  detail: 'No deal yet; @everyone was told to wait.',
  source: { publisher: 'Yonhap', title: 'Third round ends', url: 'https://en.yna.co.kr/view/AEN2', date: '2024-06-12' },
};
const ctx = (channelId: string, over: Partial<PostContext> = {}): PostContext => ({ key: `${EVENT.id}|discord|${channelId}`, uncertain: false, since: Date.now(), ...over });
const target = (channelId: string, recorded: { channelType?: number; permissions?: string } = {}) => ({
  platform: 'discord' as const,
  workspaceId: '200000000000000002',
  channelId,
  ...recorded,
});

describe('renderAnnouncementEmbed', () => {
  it('headline as the title linked to the source, the detail, the source cited as answers cite it; mass mentions defused', () => {
    expect(renderAnnouncementEmbed(EVENT)).toEqual({
      color: 0x2f855a,
      title: EVENT.headline,
      description: 'No deal yet; @\u200beveryone was told to wait.',
      url: 'https://en.yna.co.kr/view/AEN2',
      fields: [{ name: 'Source', value: 'Yonhap, "[Third round ends](https://en.yna.co.kr/view/AEN2)" (June 12, 2024)' }],
    });
  });

  it('in Korean: the Korean text, label and date, and the approximate mark', () => {
    const ko = { headline: '[개최] 제12차 SMA 협상 3차 회의: 2024년 6월 10일~12일, 워싱턴', detail: '결과는 아직 기록되지 않았다.' };
    const embed = renderAnnouncementEmbed({ ...EVENT, text: { ko }, source: { ...EVENT.source!, date: '2024-06', approximate: true } }, 'ko');
    expect(embed).toMatchObject({
      title: ko.headline,
      description: ko.detail,
      fields: [{ name: '출처', value: 'Yonhap, "[Third round ends](https://en.yna.co.kr/view/AEN2)"(2024년 6월경)' }],
    });
  });

  it("stays within Discord's limits and drops a non-http link", () => {
    const long = renderAnnouncementEmbed({ ...EVENT, headline: 'x'.repeat(400), detail: 'y'.repeat(5000), source: { ...EVENT.source!, url: 'javascript:alert(1)' } });
    expect(long.title!.length).toBeLessThanOrEqual(256);
    expect(long.description!.length).toBeLessThanOrEqual(1000);
    expect(long.url).toBeUndefined();
  });
});

describe('the Discord poster on discord.js REST against the fake', () => {
  let fake: FakeDiscord;
  let client: Client;
  let poster: ReturnType<typeof createDiscordPoster>;
  const clients: Client[] = [];
  const posts = () => fake.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));

  const newClient = (rest: Record<string, unknown> = { retries: 0 }) => {
    const logger = createLogger('error', () => {});
    const { client: c } = createDiscordClient({ DISCORD_API_URL: fake.api }, { responder: fakeResponder(), logger }, { rest });
    c.rest.setToken(TOKEN);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    fake = await startFakeDiscord();
    fake.channelTypes.set(NEWS, 5);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.destroy()));
    await fake.close();
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.messages.length = 0;
    client = newClient();
    poster = createDiscordPoster(client, { logger: createLogger('error', () => {}) });
  });

  it('POSTs the embed with a nonce derived from the delivery, enforce_nonce and no mentions', async () => {
    const { messageId } = await poster.post(target(TEXT), EVENT, ctx(TEXT));
    const [call] = posts();
    expect(call!.path).toBe(`/channels/${TEXT}/messages`);
    expect(call!.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(call!.body).toEqual({ embeds: [renderAnnouncementEmbed(EVENT)], allowed_mentions: { parse: [] }, nonce: shortKey(ctx(TEXT).key), enforce_nonce: true });
    expect(call!.body.nonce).toHaveLength(25);
    expect(messageId).toBe(fake.messages[0]!.id);
    // A text channel is not published anywhere.
    expect(fake.calls.some((c) => c.path.endsWith('/crosspost'))).toBe(false);
  });

  it('the channel type recorded at subscription decides, with no lookup: announcement channels are published, others not', async () => {
    await poster.post(target(TEXT, { channelType: 5 }), EVENT, ctx(TEXT));
    await poster.post(target(NEWS, { channelType: 0 }), EVENT, ctx(NEWS));
    const crossposts = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/crosspost'));
    expect(crossposts.map((c) => c.path)).toEqual([`/channels/${TEXT}/messages/${fake.messages[0]!.id}/crosspost`]);
    expect(fake.calls.filter((c) => c.method === 'GET')).toEqual([]);
  });

  it('a channel without a recorded type (from ANNOUNCE_DISCORD_CHANNELS): an announcement channel is found by one GET and crossposted', async () => {
    await poster.post(target(NEWS), EVENT, ctx(NEWS));
    await poster.post(target(NEWS), { ...EVENT, id: 'e2' }, ctx(NEWS, { key: 'e2|discord|x' }));
    const crossposts = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/crosspost'));
    expect(crossposts.map((c) => c.path)).toEqual(fake.messages.map((m) => `/channels/${NEWS}/messages/${m.id}/crosspost`));
    expect(fake.messages.every((m) => m.crossposted)).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${NEWS}`)).toHaveLength(1);
  });

  it('a failed crosspost does not fail the delivery (the message is posted; posting again would duplicate it)', async () => {
    fake.failNext('POST', `/channels/${NEWS}/messages/`, 403, { message: 'Missing Permissions', code: 50013 });
    const { messageId } = await poster.post(target(NEWS), EVENT, ctx(NEWS));
    expect(messageId).toBe(fake.messages[0]!.id);
    expect(fake.messages[0]!.crossposted).toBe(false);
  });

  it('a retry with the same nonce (after an answer was lost) returns the first message: one message in the channel', async () => {
    fake.failNext('POST', `/channels/${TEXT}/messages`, 500, { message: 'Internal Server Error', code: 0 }, { afterCreate: true });
    const e = (await poster.post(target(TEXT), EVENT, ctx(TEXT)).catch((x: unknown) => x)) as PostError;
    expect(e).toBeInstanceOf(PostError);
    expect(e.options).toMatchObject({ uncertain: true });
    const { messageId } = await poster.post(target(TEXT), EVENT, ctx(TEXT, { uncertain: true }));
    expect(fake.messages).toHaveLength(1);
    expect(messageId).toBe(fake.messages[0]!.id);
  });

  it('a 429 with retry_after and Retry-After is waited out by the REST queue: posted once', async () => {
    fake.failNext(
      'POST',
      `/channels/${TEXT}/messages`,
      429,
      { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      {
        headers: {
          'retry-after': '0.05',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '0.05',
          'x-ratelimit-bucket': 'b1',
          'x-ratelimit-scope': 'user',
        },
      },
    );
    await poster.post(target(TEXT), EVENT, ctx(TEXT));
    expect(posts()).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });

  it('a long rate limit comes back to the outbox as retryAfterMs instead of holding the post open', async () => {
    fake.failNext(
      'POST',
      `/channels/${TEXT}/messages`,
      429,
      { message: 'You are being rate limited.', retry_after: 60, global: false },
      {
        headers: {
          'retry-after': '60',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '60',
          'x-ratelimit-bucket': 'b2',
          'x-ratelimit-scope': 'user',
        },
      },
    );
    const started = Date.now();
    const e = (await poster.post(target(TEXT), EVENT, ctx(TEXT)).catch((x: unknown) => x)) as PostError;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.options.retryAfterMs).toBeGreaterThan(50_000);
    expect(fake.messages).toHaveLength(0);
  });

  it.each([
    [403, 50001, 'Missing Access', { permanent: true, channelGone: true }],
    [403, 50013, 'Missing Permissions', { permanent: true, channelGone: true }],
    [404, 10003, 'Unknown Channel', { permanent: true, channelGone: true }],
    [400, 50035, 'Invalid Form Body', { permanent: true }],
    [502, 0, 'Bad Gateway', { uncertain: true }],
  ])('HTTP %i code %i (%s) →', async (status, code, message, options) => {
    fake.failNext('POST', `/channels/${TEXT}/messages`, status, { message, code });
    const e = (await poster.post(target(TEXT), EVENT, ctx(TEXT)).catch((x: unknown) => x)) as PostError;
    expect(e).toBeInstanceOf(PostError);
    expect(e.options).toMatchObject(options);
  });

  it('through the outbox: a 403 on a post unsubscribes the channel and logs why; the other channel is delivered', async () => {
    const tmp = tempDir();
    const store = openSqliteStore(tmp.dir);
    const lines: Record<string, unknown>[] = [];
    try {
      const shut = target('300000000000000013', { channelType: 0, permissions: '19456' });
      await store.subscribe(shut);
      await store.subscribe(target(TEXT, { channelType: 0 }));
      await store.enqueue([EVENT], await store.subscriptions(), Date.now());
      fake.failNext('POST', `/channels/${shut.channelId}/messages`, 403, { message: 'Missing Access', code: 50001 });
      const logger = createLogger('debug', (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
      const result = await new Deliverer(store, { discord: createDiscordPoster(client, { logger }) }, { logger }).drain();
      expect(result).toEqual({ sent: 1, retrying: 0, failed: 1 });
      expect((await store.subscriptions('discord')).map((c) => c.channelId)).toEqual([TEXT]);
      expect(lines.find((l) => l.msg === 'the bot can no longer post in this channel (gone, or access lost): unsubscribed')).toMatchObject({
        channel: shut.channelId,
        reason: 'Discord 403: Missing Access (code 50001)',
        permissionsWhenSubscribed: '19456',
      });
      expect(posts().map((c) => c.path)).toEqual([`/channels/${shut.channelId}/messages`, `/channels/${TEXT}/messages`].sort());
    } finally {
      store.close();
      tmp.remove();
    }
  });

  it('a network failure is uncertain', () => {
    expect(discordPostError(new Error('connect ECONNREFUSED')).options).toEqual({ uncertain: true });
  });
});
