/**
 * Conversations through the real Bolt app over signed loopback HTTP, with the real record: in a
 * thread every follow-up leans on the answer before it ("and in 2020?", "who signed it?", "when
 * did it enter into force?", "source?", "what about the 11th?", "the one before", "and the US
 * side?"), another thread starts afresh, a new subject starts afresh, a DM is its own
 * conversation, a "did you mean" is answered by "yes", the context ends 30 minutes (real clock,
 * injected) after the last turn, and a suggestion button still asks its question after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationService, CONVERSATION_TTL_MS } from '../../src/conversation/service.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { BOT_TOKEN, buttonsOf, captureLogger, sectionTexts, SIGNING_SECRET, slackSignature, startFakeSlack, waitFor, type FakeSlack } from './helpers.js';
import { recordResponder } from '../support/record.js';

const NOW = new Date('2026-01-24T12:00:00Z');
const responder = recordResponder(NOW);
let realClock = 1_000_000;
let fake: FakeSlack;
let slack: SlackHandle;
let events = 0;

const config = () => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 });
const start = () =>
  startSlack(
    config(),
    { responder, logger: captureLogger().logger, clock: () => NOW, conversations: new ConversationService(responder, { clock: () => realClock }) },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await start();
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const post = (app: SlackHandle, raw: string, contentType: string) =>
  fetch(`http://127.0.0.1:${app.port}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignature(SIGNING_SECRET, raw) }, body: raw });

/** A message in a thread (a mention) or a DM; resolves with the bot's reply there. */
async function say(text: string, where: { channel: string; thread?: string; dm?: boolean; user?: string }) {
  events += 1;
  const ts = `${100 + events}.1`;
  const event = where.dm
    ? { type: 'message', channel_type: 'im', user: where.user ?? 'U1', text, ts, channel: where.channel, event_ts: ts, ...(where.thread ? { thread_ts: where.thread } : {}) }
    : { type: 'app_mention', user: where.user ?? 'U1', text: `<@UBOT> ${text}`, ts, channel: where.channel, event_ts: ts, thread_ts: where.thread ?? ts };
  const before = fake.calls.length;
  await post(
    slack,
    JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `EvConv${events}`, event_time: 1, event: { ...event, team: 'T1' } }),
    'application/json',
  );
  const call = await waitFor(() => fake.calls.slice(before).find((c) => c.method === 'chat.postMessage' && c.body.channel === where.channel));
  return { text: sectionTexts(call.body).join('\n'), body: call.body };
}

describe('Slack conversations with the real core', () => {
  it('a thread carries every follow-up; another thread starts afresh', async () => {
    const thread = { channel: 'C-CONV', thread: '1.1' };
    expect((await say('how much did korea pay in 2019?', thread)).text).toMatch(/1\.0389 trillion won/);
    expect((await say('and in 2020?', thread)).text).toMatch(/contribution in 2020[\s\S]*1\.0389 trillion won/);
    expect((await say('who signed it?', thread)).text).toMatch(/11th SMA was signed on April 8, 2021/);
    expect((await say('when did it enter into force?', thread)).text).toMatch(/entered into force on September 1, 2021/);
    expect((await say('source?', { ...thread, user: 'U2' })).text).toMatch(/That answer rests on/); // the thread's, whoever asks
    expect((await say('what about the 10th?', thread)).text).toMatch(/10th SMA entered into force on April 5, 2019/);
    expect((await say('and in 2020?', { channel: 'C-CONV', thread: '2.1' })).text).not.toMatch(/contribution in 2020/);
  });

  it('negotiators: "and the US side?", "what about the 11th?", "the one before"; then a new subject starts afresh', async () => {
    const thread = { channel: 'C-NEG', thread: '3.1' };
    expect((await say('who negotiated the 12th SMA for korea?', thread)).text).toMatch(/Lee Tae-woo/);
    expect((await say('and the US side?', thread)).text).toMatch(/Linda Specht/);
    expect((await say('what about the 11th?', thread)).text).toMatch(/James DeHart/);
    expect((await say('the one before', thread)).text).toMatch(/Timothy Betts/);
    expect((await say('when was the 12th SMA signed?', thread)).text).toMatch(/November 4, 2024/);
    expect((await say('who signed it?', thread)).text).toMatch(/Cho Tae-yul/);
  });

  it('a DM is its own conversation; "yes" answers a "did you mean"', async () => {
    const dm = { channel: 'D-CONV', dm: true };
    const clarify = await say('troops', dm);
    expect(buttonsOf(clarify.body).length).toBeGreaterThan(1);
    expect((await say('yes', dm)).text).toMatch(/28,500/);
    expect((await say('source?', dm)).text).toMatch(/That answer rests on/);
  });

  it('the context ends 30 minutes after the last turn on the real clock, though SMA_NOW stands still', async () => {
    const thread = { channel: 'C-TTL', thread: '4.1' };
    await say('how much did korea pay in 2019?', thread);
    realClock += CONVERSATION_TTL_MS - 1000;
    expect((await say('and in 2020?', thread)).text).toMatch(/contribution in 2020/);
    realClock += CONVERSATION_TTL_MS;
    expect((await say('and in 2021?', thread)).text).not.toMatch(/contribution in 2021/);
  });

  it('after a restart, a suggestion button of a thread answer asks its question from its payload alone', async () => {
    const answer = await say('how much did korea pay in 2019?', { channel: 'C-BTN', thread: '5.1' });
    const button = buttonsOf(answer.body).find((b) => /^How much did Korea pay in \d{4}\?$/.test(b.text?.text ?? ''));
    expect(button.value).toMatch(/^r:\{"i":"contribution","y":\d{4}\}$/);
    const year = /\d{4}/.exec(button.text.text)![0];
    const restarted = await start();
    try {
      const payload = {
        type: 'block_actions',
        team: { id: 'T1', domain: 'x' },
        user: { id: 'U3', username: 'jo' },
        api_app_id: 'A1',
        token: 't',
        trigger_id: 't',
        container: { type: 'message', message_ts: '5.2', channel_id: 'C-BTN', thread_ts: '5.1', is_ephemeral: false },
        channel: { id: 'C-BTN', name: 'x' },
        response_url: `${fake.url}/response/conv-restart-click`,
        actions: [{ ...button, block_id: 'sma_actions', action_ts: '5.3' }],
      };
      await post(restarted, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
      const r = await waitFor(() => fake.responses.find((x) => x.id === 'conv-restart-click'));
      expect(sectionTexts(r.body)[0]).toMatch(new RegExp(`^\\*Korea's SMA contribution in ${year}\\*`));
      expect(r.body.response_type).toBe('ephemeral');
    } finally {
      await restarted.stop();
    }
  });
});
