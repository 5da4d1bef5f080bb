/**
 * The real Bolt app (startSlack, HTTP mode) on loopback, against a fake Slack Web API: signed
 * requests in, Web API calls and response_url POSTs out. Never slack.com.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { formatDate } from '../../src/core/format.js';
import { UNKNOWN_BUTTON } from '../../src/slack/deps.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import {
  BOT_TOKEN,
  buttonsOf,
  captureLogger,
  contextTexts,
  fakeResponder,
  sectionTexts,
  SIGNING_SECRET,
  sleep,
  slackSignature,
  startFakeSlack,
  visibleTexts,
  waitFor,
  type CapturedLogger,
  type FakeResponder,
  type FakeSlack,
} from './helpers.js';

let fake: FakeSlack;
let slack: SlackHandle;
let responder: FakeResponder;
let log: CapturedLogger;
let base: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  responder = fakeResponder();
  log = captureLogger();
  slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
    { responder, logger: log.logger },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );
  base = `http://127.0.0.1:${slack.port}`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const post = (raw: string, contentType: string, headers: Record<string, string> = slackSignature(SIGNING_SECRET, raw)) =>
  fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: raw });

let n = 0;
const command = (text: string, responseId = `cmd-${++n}`) =>
  new URLSearchParams({
    command: '/sma',
    text,
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    user_name: 'ana',
    api_app_id: 'A1',
    trigger_id: 't',
    token: 'legacy-verification-token',
    response_url: `${fake.url}/response/${responseId}`,
  }).toString();

const eventBody = (eventId: string, event: Record<string, unknown>) =>
  JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1, event });

const interaction = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
/** A click on one button of a private answer in C1, as Slack posts it. */
const click = (action: Record<string, unknown>, responseId: string) =>
  interaction({
    type: 'block_actions',
    team: { id: 'T1', domain: 'x' },
    user: { id: 'U2', username: 'bo', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 't',
    container: { type: 'message', message_ts: '3.1', channel_id: 'C1', is_ephemeral: true },
    channel: { id: 'C1', name: 'general' },
    response_url: `${fake.url}/response/${responseId}`,
    actions: [action],
  });

const postsTo = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);
const responsesTo = (id: string) => fake.responses.filter((r) => r.id === id);

describe('Slack over HTTP', () => {
  it('looks up its own identity with auth.test using the bot token', () => {
    const auth = fake.calls.find((c) => c.method === 'auth.test');
    expect(auth?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('/sma next-round: an empty 200 ack, then the private answer at the response_url, asked as { intent: next-round }', async () => {
    const res = await post(command('next-round', 'cmd-next'), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const r = await waitFor(() => responsesTo('cmd-next')[0]);
    expect(responder.asked.at(-1)?.question).toEqual({ intent: 'next-round' });
    expect(r.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('Answer to: {"intent":"next-round"}') });
    expect(sectionTexts(r.body)[0]).toBe('*{"intent":"next-round"}*\nAnswer to: {"intent":"next-round"}');
    expect(contextTexts(r.body)[0]).toContain('Yonhap, "<https://en.yna.co.kr/view/AEN20180307000351315?a=1&amp;b=2|S. Korea, US open defense cost talks>"');
    expect(contextTexts(r.body)[0]).toContain(`as of ${formatDate('2019-03-08')}`);
    expect(buttonsOf(r.body).map((b) => b.action_id)).toEqual(['sma_ask_0', 'sma_ask_1', 'sma_ask_2', 'sma_share']);
  });

  it('@mention in a channel: chat.postMessage in the thread of the mention, with blocks and fallback text', async () => {
    const res = await post(
      eventBody('EvMention', {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> how much does Korea pay this year?',
        ts: '1700000000.0001',
        channel: 'C9',
        team: 'T1',
        event_ts: '1700000000.0001',
      }),
      'application/json',
    );
    expect(res.status).toBe(200);
    const call = await waitFor(() => postsTo('C9')[0]);
    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call.body).toMatchObject({ channel: 'C9', thread_ts: '1700000000.0001', unfurl_links: 'false' });
    expect(call.body.text).toBe(`how much does Korea pay this year?: Answer to: how much does Korea pay this year? (as of ${formatDate('2019-03-08')})`);
    expect(sectionTexts(call.body)[0]).toContain('Answer to: how much does Korea pay this year?');
    expect(responder.asked.at(-1)?.question).toBe('how much does Korea pay this year?');
  });

  it('a direct message is answered in the DM; edits and bot messages in the DM are not', async () => {
    await post(
      eventBody('EvEdit', {
        type: 'message',
        subtype: 'message_changed',
        channel_type: 'im',
        channel: 'D-EDIT',
        hidden: true,
        message: { text: 'x', user: 'U1' },
        ts: '2.1',
        event_ts: '2.1',
      }),
      'application/json',
    );
    await post(
      eventBody('EvBot', { type: 'message', subtype: 'bot_message', bot_id: 'B9', channel_type: 'im', channel: 'D-BOT', text: 'hi', ts: '2.2', event_ts: '2.2' }),
      'application/json',
    );
    await post(
      eventBody('EvSelf', { type: 'message', user: 'UBOT', bot_id: 'BBOT', channel_type: 'im', channel: 'D-SELF', text: 'hi', ts: '2.3', event_ts: '2.3' }),
      'application/json',
    );
    await post(
      eventBody('EvDm', { type: 'message', user: 'U1', channel_type: 'im', channel: 'D1', text: 'When was the 10th SMA signed?', ts: '2.4', event_ts: '2.4' }),
      'application/json',
    );
    const call = await waitFor(() => postsTo('D1')[0]);
    expect(call.body.thread_ts).toBeUndefined();
    expect(call.body.text).toContain('Answer to: When was the 10th SMA signed?');
    await sleep(50);
    expect([...postsTo('D-EDIT'), ...postsTo('D-BOT'), ...postsTo('D-SELF')]).toEqual([]);
  });

  it('a suggestion button (block_actions) answers the question it shows', async () => {
    const res = await post(
      click(
        {
          type: 'button',
          action_id: 'sma_ask_1',
          block_id: 'sma_actions',
          text: { type: 'plain_text', text: 'What rounds have been held so far?' },
          value: 'q:What rounds have been held so far?',
          action_ts: '3.2',
        },
        'btn-1',
      ),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    const r = await waitFor(() => responsesTo('btn-1')[0]);
    expect(r.body.response_type).toBe('ephemeral');
    expect(sectionTexts(r.body)[0]).toContain('Answer to: What rounds have been held so far?');
  });

  it('after a restart, a button rendered from a suggestion with a request asks exactly that request', async () => {
    await post(command('How long does a round last?', 'cmd-before-restart'), 'application/x-www-form-urlencoded');
    const rendered = buttonsOf((await waitFor(() => responsesTo('cmd-before-restart')[0])).body).find((b) => b.text.text === 'Rounds of the 11th SMA talks');
    // A new app and a new core: no memory of the answer or its buttons.
    const restartedCore = fakeResponder();
    const restarted = await startSlack(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
      { responder: restartedCore, logger: captureLogger().logger },
      { host: '127.0.0.1', retryConfig: { retries: 0 } },
    );
    try {
      const raw = click({ ...rendered, block_id: 'sma_actions', action_ts: '3.3' }, 'btn-restart');
      const res = await fetch(`http://127.0.0.1:${restarted.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, raw) },
        body: raw,
      });
      expect(res.status).toBe(200);
      const r = await waitFor(() => responsesTo('btn-restart')[0]);
      expect(restartedCore.asked.map((a) => a.question)).toEqual([{ intent: 'rounds', agreement: 11 }]);
      expect(sectionTexts(r.body)[0]).toContain('Answer to: {"intent":"rounds","agreement":11}');
    } finally {
      await restarted.stop();
    }
  });

  it('a button whose value was tampered with gets a private apology and a log line', async () => {
    const asked = responder.asked.length;
    await post(
      click(
        { type: 'button', action_id: 'sma_ask_0', block_id: 'sma_actions', text: { type: 'plain_text', text: 'x' }, value: 'r:{"i":"rounds","a":"11; drop"}', action_ts: '3.4' },
        'btn-bad',
      ),
      'application/x-www-form-urlencoded',
    );
    const r = await waitFor(() => responsesTo('btn-bad')[0]);
    expect(r.body).toMatchObject({ response_type: 'ephemeral', text: UNKNOWN_BUTTON });
    expect(log.lines.find((l) => l.msg === 'slack button not resolved')).toMatchObject({ level: 'warn', reason: 'malformed value' });
    expect(responder.asked.length).toBe(asked);
  });

  it('"Share in channel" posts the same answer visibly and removes the private copy', async () => {
    await post(command('summary', 'cmd-share'), 'application/x-www-form-urlencoded');
    const privateCopy = (await waitFor(() => responsesTo('cmd-share')[0])).body;
    const share = buttonsOf(privateCopy).find((b) => b.action_id === 'sma_share');
    const click = interaction({
      type: 'block_actions',
      team: { id: 'T1', domain: 'x' },
      user: { id: 'U1', username: 'ana', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 't',
      container: { type: 'message', message_ts: '4.1', channel_id: 'C1', is_ephemeral: true },
      channel: { id: 'C1', name: 'general' },
      response_url: `${fake.url}/response/share-1`,
      actions: [{ type: 'button', action_id: 'sma_share', block_id: 'sma_actions', text: { type: 'plain_text', text: 'Share in channel' }, value: share.value, action_ts: '4.2' }],
    });
    await post(click, 'application/x-www-form-urlencoded');
    await post(click, 'application/x-www-form-urlencoded'); // double click
    const [posted, cleanup] = await waitFor(() => (responsesTo('share-1').length >= 2 ? responsesTo('share-1') : undefined));
    expect(posted!.body.response_type).toBe('in_channel');
    expect(sectionTexts(posted!.body)).toEqual(sectionTexts(privateCopy));
    expect(contextTexts(posted!.body)).toContain('Shared by <@U1>');
    expect(cleanup!.body).toEqual({ delete_original: true });
    await sleep(50);
    expect(responsesTo('share-1')).toHaveLength(2);
  });

  it('rejects a bad signature and a stale timestamp with 401, and answers nothing', async () => {
    const asked = responder.asked.length;
    const body = command('summary', 'cmd-forged');
    expect((await post(body, 'application/x-www-form-urlencoded', slackSignature('f'.repeat(32), body))).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(body, 'application/x-www-form-urlencoded', slackSignature(SIGNING_SECRET, body, old))).status).toBe(401);
    expect((await post(body, 'application/x-www-form-urlencoded', {})).status).toBe(401);
    await sleep(50);
    expect(responsesTo('cmd-forged')).toEqual([]);
    expect(responder.asked.length).toBe(asked);
  });

  it('a retried event (same event_id, x-slack-retry-num: 1) gets one answer only', async () => {
    const body = eventBody('EvRetry', { type: 'app_mention', user: 'U1', text: '<@UBOT> who leads the talks?', ts: '5.1', channel: 'C-RETRY', event_ts: '5.1' });
    expect((await post(body, 'application/json')).status).toBe(200);
    const retry = { ...slackSignature(SIGNING_SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await post(body, 'application/json', retry)).status).toBe(200);
    const retry2 = { ...slackSignature(SIGNING_SECRET, body), 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' };
    expect((await post(body, 'application/json', retry2)).status).toBe(200);
    await waitFor(() => postsTo('C-RETRY')[0]);
    await sleep(100);
    expect(postsTo('C-RETRY')).toHaveLength(1);
  });

  it('a retry whose first delivery never arrived (http_error) is answered', async () => {
    const body = eventBody('EvLost', { type: 'app_mention', user: 'U1', text: '<@UBOT> summary please', ts: '5.2', channel: 'C-LOST', event_ts: '5.2' });
    const retry = { ...slackSignature(SIGNING_SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' };
    await post(body, 'application/json', retry);
    await waitFor(() => postsTo('C-LOST')[0]);
  });

  it('hostile text from the user and from knowledge is rendered harmlessly', async () => {
    const hostile = '<!channel> <!here> <!everyone> <@U123> & @here';
    responder.special.set('@channel hi @U123 & @here', {
      title: `Title ${hostile}`,
      text: `Knowledge says ${hostile}`,
      sources: [{ id: 's', publisher: `Pub ${hostile}`, title: hostile, url: 'https://example.org/?a=1&b=2', date: '2020' }],
      suggestions: [{ question: `Ask ${hostile}` }],
    });
    // What Slack sends when someone writes "@sma @channel hi @U123 & @here".
    await post(
      eventBody('EvHostile', { type: 'app_mention', user: 'U1', text: '<@UBOT> <!channel> hi <@U123> &amp; @here', ts: '6.1', channel: 'C-HOSTILE', event_ts: '6.1' }),
      'application/json',
    );
    const call = await waitFor(() => postsTo('C-HOSTILE')[0]);
    expect(responder.asked.at(-1)?.question).toBe('@channel hi @U123 & @here');
    const texts = visibleTexts(call.body);
    const all = texts.join('\n');
    for (const markup of ['<!channel>', '<!here>', '<!everyone>', '<@U123>']) expect(all).not.toContain(markup);
    expect(all).not.toMatch(/@(here|channel|everyone)\b/); // only as "@\u200bhere"
    expect(all).toContain('@\u200bhere');
    expect(sectionTexts(call.body)[0]).toContain('Knowledge says &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &amp; @\u200bhere');
    expect(call.body.text).toContain('&lt;!channel&gt;');
  });

  it('a failed Web API call is logged (no secrets) and the app keeps answering', async () => {
    fake.failWhen.push((c) => (c.method === 'chat.postMessage' && c.body.channel === 'C-FAIL' ? 'not_in_channel' : undefined));
    await post(eventBody('EvFail', { type: 'app_mention', user: 'U1', text: '<@UBOT> summary', ts: '7.1', channel: 'C-FAIL', event_ts: '7.1' }), 'application/json');
    const line = await waitFor(() => log.lines.find((l) => l.msg === 'slack chat.postMessage failed'));
    expect(line).toMatchObject({ level: 'warn', channel: 'C-FAIL', error: { slackError: 'not_in_channel' } });
    await post(eventBody('EvAfterFail', { type: 'app_mention', user: 'U1', text: '<@UBOT> summary', ts: '7.2', channel: 'C-OK', event_ts: '7.2' }), 'application/json');
    await waitFor(() => postsTo('C-OK')[0]);
  });

  it('a failing response_url is logged and does not break the next command', async () => {
    fake.brokenResponseUrls.add('cmd-broken');
    await post(command('summary', 'cmd-broken'), 'application/x-www-form-urlencoded');
    await waitFor(() => log.lines.find((l) => l.msg === 'slack /sma respond failed'));
    await post(command('rounds', 'cmd-after-broken'), 'application/x-www-form-urlencoded');
    await waitFor(() => responsesTo('cmd-after-broken')[0]);
  });

  it('an error thrown inside a listener is caught by app.error and the app keeps serving', async () => {
    responder.special.set('explode please', { sources: undefined as never }); // a malformed answer makes rendering throw
    await post(command('explode please', 'cmd-explode'), 'application/x-www-form-urlencoded');
    const line = await waitFor(() => log.lines.find((l) => l.msg === 'slack listener failed'));
    expect(line.level).toBe('error');
    await post(command('rounds', 'cmd-after-explode'), 'application/x-www-form-urlencoded');
    await waitFor(() => responsesTo('cmd-after-explode')[0]);
  });

  it("over-long input gets the core's polite reply, not a crash", async () => {
    const long = 'why '.repeat(400);
    responder.special.set(long.trim(), {
      kind: 'unknown',
      matched: false,
      intent: 'invalid-input',
      title: 'Question too long',
      text: 'Please ask in at most 500 characters.',
      sources: [],
      asOf: undefined,
    });
    await post(command(long, 'cmd-long'), 'application/x-www-form-urlencoded');
    const r = await waitFor(() => responsesTo('cmd-long')[0]);
    expect(r.body.text).toBe('Please ask in at most 500 characters.');
    expect(buttonsOf(r.body).some((b) => b.action_id === 'sma_share')).toBe(false);
  });

  it('never writes the bot token or signing secret to the log', () => {
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(BOT_TOKEN);
    expect(log.text()).not.toContain(SIGNING_SECRET);
    expect(log.text()).not.toContain('/response/'); // response_urls are capabilities
  });
});

describe('starting Slack', () => {
  const config = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, PORT: 0 };

  it('a rejected bot token is a clear configuration error, not an unhandled rejection', async () => {
    const rejecting = await startFakeSlack();
    rejecting.failWhen.push((c) => (c.method === 'auth.test' ? 'invalid_auth' : undefined));
    try {
      const err = await startSlack(
        { ...config, SLACK_API_URL: rejecting.apiUrl },
        { responder: fakeResponder(), logger: captureLogger().logger },
        { host: '127.0.0.1', retryConfig: { retries: 0 } },
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
    } finally {
      await rejecting.close();
    }
  });

  it('missing credentials name the variable to set', async () => {
    const err = await startSlack({ ...config, SLACK_SIGNING_SECRET: undefined, SLACK_API_URL: fake.apiUrl }, { responder: fakeResponder(), logger: captureLogger().logger }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain('SLACK_SIGNING_SECRET is required');
  });

  it('a port already in use is reported as such', async () => {
    const err = await startSlack(
      { ...config, PORT: slack.port!, SLACK_API_URL: fake.apiUrl },
      { responder: fakeResponder(), logger: captureLogger().logger },
      { host: '127.0.0.1', retryConfig: { retries: 0 } },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`PORT ${slack.port} is already in use`);
  });
});
