/**
 * Socket Mode: the real Bolt app (startSlack with SLACK_APP_TOKEN) opens its connection through the
 * fake Web API (apps.connections.open with the app token) to a local WebSocket server, then gets a
 * slash command and an event as Slack would send them, and acknowledges each envelope.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { APP_TOKEN, BOT_TOKEN, captureLogger, fakeResponder, sectionTexts, sleep, startFakeSlack, waitFor, type FakeResponder, type FakeSlack } from './helpers.js';

let fake: FakeSlack;
let wss: WebSocketServer;
let socket: WebSocket | undefined;
const frames: any[] = [];
let slack: SlackHandle;
let responder: FakeResponder;

beforeAll(async () => {
  fake = await startFakeSlack();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  fake.wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
  });
  responder = fakeResponder();
  slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, PORT: 0 },
    { responder, logger: captureLogger().logger },
    { retryConfig: { retries: 0 } },
  );
});

afterAll(async () => {
  await slack?.stop(); // first, so the client does not try to reconnect
  await new Promise<void>((resolve) => {
    for (const c of wss?.clients ?? []) c.terminate();
    wss ? wss.close(() => resolve()) : resolve();
  });
  await fake?.close();
});

const send = (envelope: object) => socket!.send(JSON.stringify(envelope));

describe('Slack in Socket Mode', () => {
  it('connects with the app token through SLACK_API_URL, with no HTTP port of its own', () => {
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    const open = fake.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
  });

  it('a slash command envelope is acknowledged and answered at its response_url', async () => {
    send({
      envelope_id: 'env-cmd',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/sma',
        text: 'next-round',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        api_app_id: 'A1',
        trigger_id: 't',
        response_url: `${fake.url}/response/sock-cmd`,
      },
    });
    const ackFrame = await waitFor(() => frames.find((f) => f.envelope_id === 'env-cmd'));
    expect(ackFrame.payload ?? {}).toEqual({}); // an empty ack: the answer comes separately
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'sock-cmd'));
    expect(r.body.response_type).toBe('ephemeral');
    expect(sectionTexts(r.body)[0]).toContain('Answer to: {"intent":"next-round"}');
  });

  it('an app_mention envelope is answered in the thread; a redelivery (retry_attempt 1) is not answered again', async () => {
    const envelope = (id: string, attempt: number) => ({
      envelope_id: id,
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: attempt,
      retry_reason: attempt ? 'timeout' : '',
      payload: {
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: 'EvSock',
        event_time: 1,
        event: { type: 'app_mention', user: 'U1', text: '<@UBOT> who leads the talks?', ts: '8.1', channel: 'C-SOCK', event_ts: '8.1' },
      },
    });
    send(envelope('env-ev-1', 0));
    const call = await waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C-SOCK'));
    expect(call.body.thread_ts).toBe('8.1');
    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    send(envelope('env-ev-2', 1));
    await waitFor(() => frames.find((f) => f.envelope_id === 'env-ev-2')); // acknowledged…
    await sleep(100);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C-SOCK')).toHaveLength(1); // …but not answered twice
    expect(responder.asked.filter((a) => a.question === 'who leads the talks?')).toHaveLength(1);
  });
});
