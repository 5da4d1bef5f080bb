/**
 * Bad input over the real Bolt app (HTTP mode, signed loopback requests, the fake Web API):
 * a replayed signed request is answered once; requests with fields missing are logged no-ops;
 * a mention with no text gets the help; none of it reaches Bolt's error handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { BOT_TOKEN, captureLogger, fakeResponder, SIGNING_SECRET, sleep, slackSignature, startFakeSlack, waitFor, type CapturedLogger, type FakeSlack } from './helpers.js';

let fake: FakeSlack;
let slack: SlackHandle;
let log: CapturedLogger;
let base: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  log = captureLogger();
  slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
    { responder: fakeResponder(), logger: log.logger },
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
const eventBody = (eventId: string, event: Record<string, unknown>) =>
  JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1, event });
const listenerErrors = () => log.lines.filter((l) => l.msg === 'slack listener failed' || l.level === 'error');

describe('Slack: replays and malformed requests', () => {
  it('the same signed /sma request sent twice (same signature and timestamp) is answered once; the replay gets a 200', async () => {
    const raw = new URLSearchParams({
      command: '/sma',
      text: 'next-round',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      api_app_id: 'A1',
      trigger_id: 't1',
      response_url: `${fake.url}/response/replayed`,
    }).toString();
    const headers = slackSignature(SIGNING_SECRET, raw);
    expect((await post(raw, 'application/x-www-form-urlencoded', headers)).status).toBe(200);
    const replay = await post(raw, 'application/x-www-form-urlencoded', headers);
    expect(replay.status).toBe(200);
    await waitFor(() => fake.responses.find((r) => r.id === 'replayed'));
    await sleep(100);
    expect(fake.responses.filter((r) => r.id === 'replayed')).toHaveLength(1);
    expect(log.find('slack request dropped: a replay of a signed request already handled (same signature and timestamp)')).toMatchObject({ level: 'warn' });

    // The same command signed anew (a user running it again) is answered again.
    await sleep(1000); // a new timestamp: Slack's are in seconds
    expect((await post(raw, 'application/x-www-form-urlencoded')).status).toBe(200);
    await waitFor(() => fake.responses.filter((r) => r.id === 'replayed').length === 2);
  });

  it('an app_mention with no text gets the help in its thread, and no listener error', async () => {
    await post(eventBody('EvNoText', { type: 'app_mention', user: 'U1', ts: '8.1', channel: 'C-NOTEXT', event_ts: '8.1' }), 'application/json');
    const call = await waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C-NOTEXT'));
    expect(call.body.thread_ts).toBe('8.1');
    expect(call.body.text).toMatch(/^Ask me about the SMA talks: \/sma &lt;question&gt;/);
    expect(listenerErrors()).toEqual([]);
  });

  it('events, commands and clicks with fields missing are logged no-ops: nothing posted, no listener error', async () => {
    const before = fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    await post(eventBody('EvNoChannel', { type: 'app_mention', user: 'U1', text: '<@UBOT> hi', ts: '9.1', event_ts: '9.1' }), 'application/json');
    await post(eventBody('EvNoUserDm', { type: 'message', channel_type: 'im', channel: 'D1', text: 'hi', ts: '9.2', event_ts: '9.2' }), 'application/json');
    await post(eventBody('EvNoEvent', {}), 'application/json');
    const noResponseUrl = new URLSearchParams({ command: '/sma', text: 'summary', team_id: 'T1', channel_id: 'C1', user_id: 'U1', api_app_id: 'A1', trigger_id: 't2' }).toString();
    expect((await post(noResponseUrl, 'application/x-www-form-urlencoded')).status).toBe(200);
    const click = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        team: { id: 'T1' },
        api_app_id: 'A1',
        trigger_id: 't3',
        actions: [{ type: 'button', action_id: 'sma_share', block_id: 'b', action_ts: '1' }],
      }),
    }).toString();
    expect((await post(click, 'application/x-www-form-urlencoded')).status).toBe(200);
    const ignored = await waitFor(() => {
      const lines = log.lines.filter((l) => l.msg === 'slack ignored a request with fields missing');
      return lines.length === 4 && lines;
    });
    expect(ignored.map((l) => l.missing)).toEqual([['event.channel'], ['event.type'], ['response_url'], ['user.id', 'response_url']]);
    await sleep(100);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(before);
    expect(listenerErrors()).toEqual([]);
  });
});
