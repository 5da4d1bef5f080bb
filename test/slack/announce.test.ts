/**
 * Slack announcements: the Block Kit message, and the outbox's poster against the loopback fake
 * Web API (through the real @slack/web-api client): what Slack receives, how each failure maps
 * to the outbox's PostError, and the look-before-posting of an uncertain delivery.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostContext } from '../../src/announce/delivery.js';
import { PostError } from '../../src/announce/delivery.js';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { ANNOUNCEMENT_EVENT_TYPE, createAnnouncementClient, createSlackPoster, renderAnnouncement, slackPostError } from '../../src/slack/announce.js';
import { BOT_TOKEN, captureLogger, startFakeSlack, visibleTexts, type CapturedLogger, type FakeSlack } from './helpers.js';

const EVENT: AnnouncementEvent = {
  id: 'round-scheduled:sma12-r3@4',
  kind: 'round-scheduled',
  subject: 'sma12-r3',
  headline: 'Round 3 of the 12th SMA talks: June 10–12, 2024, Washington',
  detail: 'Both sides <!channel> meet & talk @here.',
  source: { publisher: 'Yonhap', title: 'Third round <set>', url: 'https://en.yna.co.kr/view/AEN1?a=1&b=2', date: '2024-06-01' },
};
const channel = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C100' };
const ctx = (over: Partial<PostContext> = {}): PostContext => ({ key: `${EVENT.id}|slack|C100`, uncertain: false, since: Date.now() - 1000, ...over });

describe('renderAnnouncement', () => {
  it('bold headline, the detail, the source as a link; a plain fallback; nothing notifies', () => {
    const m = renderAnnouncement(EVENT);
    expect(m.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Round 3 of the 12th SMA talks: June 10–12, 2024, Washington*\nBoth sides &lt;!channel&gt; meet &amp; talk @\u200bhere.' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Source: Yonhap, "<https://en.yna.co.kr/view/AEN1?a=1&amp;b=2|Third round &lt;set&gt;>" (June 1, 2024)' }] },
    ]);
    expect(m.text).toBe('Round 3 of the 12th SMA talks: June 10–12, 2024, Washington — Both sides &lt;!channel&gt; meet &amp; talk @\u200bhere.');
    for (const t of visibleTexts(m)) expect(t).not.toMatch(/<!(channel|here|everyone)>|(^|[^\u200b@])@(here|channel|everyone)/);
  });

  it("in Korean: the event's Korean text and the Korean source label", () => {
    const m = renderAnnouncement({ ...EVENT, text: { ko: { headline: '제12차 SMA 협상 3차 회의: 2024년 6월 10일~12일, 워싱턴', detail: '' } } }, 'ko');
    expect(m.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*제12차 SMA 협상 3차 회의: 2024년 6월 10일~12일, 워싱턴*' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '출처: Yonhap, "<https://en.yna.co.kr/view/AEN1?a=1&amp;b=2|Third round &lt;set&gt;>"(2024년 6월 1일)' }] },
    ]);
  });

  it('in Korean, the publisher by the Korean name the event was written with (연합뉴스)', () => {
    const m = renderAnnouncement({ ...EVENT, text: { ko: { headline: '제12차 SMA 협상 3차 회의', detail: '', publisher: '연합뉴스' } } }, 'ko');
    expect(m.blocks[1]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '출처: 연합뉴스, "<https://en.yna.co.kr/view/AEN1?a=1&amp;b=2|Third round &lt;set&gt;>"(2024년 6월 1일)' }],
    });
    expect(renderAnnouncement({ ...EVENT, text: { ko: { headline: 'x', detail: '', publisher: '연합뉴스' } } }, 'en').blocks[1]).toMatchObject({
      elements: [{ text: expect.stringMatching(/^Source: Yonhap, /) }],
    });
  });

  it('no detail and no source: just the headline', () => {
    const m = renderAnnouncement({ ...EVENT, detail: '', source: undefined } as AnnouncementEvent);
    expect(m.blocks).toHaveLength(1);
    expect(m.text).toBe(EVENT.headline);
  });
});

describe('slackPostError', () => {
  const platform = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
  it.each([
    ['429', Object.assign(new Error('rl'), { code: 'slack_webapi_rate_limited_error', retryAfter: 7 }), { retryAfterMs: 7000, scope: 'platform' }],
    ['channel_not_found', platform('channel_not_found'), { permanent: true, uncertain: false }],
    ['not_in_channel', platform('not_in_channel'), { permanent: true, uncertain: false }],
    ['is_archived', platform('is_archived'), { permanent: true, uncertain: false }],
    ['internal_error', platform('internal_error'), { permanent: false, uncertain: true }],
    ['invalid_auth (the operator may fix the token)', platform('invalid_auth'), { permanent: false, uncertain: false }],
    ['HTTP 503', Object.assign(new Error('http'), { code: 'slack_webapi_http_error', statusCode: 503 }), { uncertain: true }],
    ['a network error', Object.assign(new Error('ECONNRESET'), { code: 'slack_webapi_request_error' }), { uncertain: true }],
  ])('%s', (_name, error, options) => {
    const e = slackPostError(error);
    expect(e).toBeInstanceOf(PostError);
    expect(e.options).toMatchObject(options);
  });
});

describe('the Slack poster against the fake Web API', () => {
  let fake: FakeSlack;
  let log: CapturedLogger;
  let poster: ReturnType<typeof createSlackPoster>;
  const postCalls = () => fake.calls.filter((c) => c.method === 'chat.postMessage');

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    fake.messages.length = 0;
    fake.failWhen.length = 0;
    fake.httpFailWhen.length = 0;
    log = captureLogger();
    poster = createSlackPoster(createAnnouncementClient({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl }, log.logger), { logger: log.logger });
  });

  it('posts Block Kit + fallback with the delivery key in metadata, no unfurling, with the bot token', async () => {
    const { messageId } = await poster.post(channel, EVENT, ctx());
    const [call] = postCalls();
    expect(call!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call!.body).toMatchObject({
      channel: 'C100',
      text: renderAnnouncement(EVENT).text,
      blocks: renderAnnouncement(EVENT).blocks,
      unfurl_links: 'false',
      unfurl_media: 'false',
      metadata: { event_type: ANNOUNCEMENT_EVENT_TYPE, event_payload: { key: ctx().key, event: EVENT.id } },
    });
    expect(messageId).toBe(fake.messages[0]!.ts);
    expect(poster.perChannelIntervalMs).toBe(1000);
  });

  it('a 429 comes back at once as Retry-After in ms (the client neither waits nor retries)', async () => {
    fake.httpFailWhen.push(() => ({ status: 429, headers: { 'retry-after': '3' } }));
    const e = await poster.post(channel, EVENT, ctx()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PostError);
    expect((e as PostError).options).toMatchObject({ retryAfterMs: 3000, scope: 'platform' });
    expect(postCalls()).toHaveLength(1);
  });

  it('an HTTP 500 is one attempt (no hidden retry that could post twice), reported as uncertain', async () => {
    fake.httpFailWhen.push(() => ({ status: 500 }));
    const e = (await poster.post(channel, EVENT, ctx()).catch((x: unknown) => x)) as PostError;
    expect(e.options).toMatchObject({ uncertain: true });
    expect(postCalls()).toHaveLength(1);
  });

  it('not_in_channel is permanent', async () => {
    fake.failWhen.push((c) => (c.method === 'chat.postMessage' ? 'not_in_channel' : undefined));
    const e = (await poster.post(channel, EVENT, ctx()).catch((x: unknown) => x)) as PostError;
    expect(e.options).toMatchObject({ permanent: true });
  });

  it('uncertain: when the channel already has the message (found by its metadata), it is not posted again', async () => {
    fake.httpFailWhen.push((c) => (c.method === 'chat.postMessage' && fake.messages.length === 0 ? { status: 500, afterPost: true } : undefined));
    await poster.post(channel, EVENT, ctx()).catch(() => undefined); // Slack created it, then answered 500
    expect(fake.messages).toHaveLength(1);
    const { messageId } = await poster.post(channel, EVENT, ctx({ uncertain: true }));
    expect(messageId).toBe(fake.messages[0]!.ts);
    expect(fake.messages).toHaveLength(1);
    const history = fake.calls.find((c) => c.method === 'conversations.history')!;
    expect(history.body).toMatchObject({ channel: 'C100', include_all_metadata: 'true' });
  });

  it("uncertain and not in the channel: posted (another delivery's message does not count)", async () => {
    await poster.post(channel, { ...EVENT, id: 'other-event' }, ctx({ key: 'other-event|slack|C100' }));
    await poster.post(channel, EVENT, ctx({ uncertain: true }));
    expect(fake.messages.map((m) => m.metadata?.event_payload.key)).toEqual(['other-event|slack|C100', ctx().key]);
  });

  it('uncertain without the history scope: says so in the log and posts (a duplicate rather than a loss)', async () => {
    fake.failWhen.push((c) => (c.method === 'conversations.history' ? 'missing_scope' : undefined));
    await poster.post(channel, EVENT, ctx({ uncertain: true }));
    expect(fake.messages).toHaveLength(1);
    expect(log.lines.find((l) => String(l.msg).startsWith('slack: cannot check whether an uncertain announcement was posted'))).toMatchObject({
      level: 'warn',
      error: 'Slack: missing_scope',
    });
  });

  it('uncertain and the history check rate-limited: waits, does not post blind', async () => {
    fake.httpFailWhen.push((c) => (c.method === 'conversations.history' ? { status: 429, headers: { 'retry-after': '60' } } : undefined));
    const e = (await poster.post(channel, EVENT, ctx({ uncertain: true })).catch((x: unknown) => x)) as PostError;
    expect(e.options).toMatchObject({ retryAfterMs: 60_000, uncertain: true });
    expect(postCalls()).toHaveLength(0);
  });
});
