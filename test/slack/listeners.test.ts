/**
 * Each listener callback on its own, with stubs of ack/respond/client (as in the bolt-js starter
 * template's tests): what a user would see for each kind of input.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationService } from '../../src/conversation/service.js';
import { createState, SORRY, UNKNOWN_BUTTON, type ListenerDeps } from '../../src/slack/deps.js';
import { encodeShareValue } from '../../src/slack/payload.js';
import { dropRetriedEvents } from '../../src/slack/dedupe.js';
import { askAction } from '../../src/slack/listeners/actions/ask-action.js';
import { shareAction } from '../../src/slack/listeners/actions/share-action.js';
import { smaCommand } from '../../src/slack/listeners/commands/sma-command.js';
import { SUBCOMMANDS } from '../../src/slack/listeners/commands/subcommands.js';
import { appMention } from '../../src/slack/listeners/events/app-mention.js';
import { directMessage } from '../../src/slack/listeners/events/direct-message.js';
import { DM_ACTIONS_BLOCK_ID, ACTIONS_BLOCK_ID } from '../../src/slack/render.js';
import { answerFor, buttonsOf, captureLogger, contextTexts, fakeResponder, sectionTexts, type CapturedLogger, type FakeResponder } from './helpers.js';

const NOW = new Date('2024-05-01T00:00:00Z');
let responder: FakeResponder;
let log: CapturedLogger;
let deps: ListenerDeps;

beforeEach(() => {
  responder = fakeResponder();
  log = captureLogger();
  deps = { responder, logger: log.logger, clock: () => NOW, state: createState(), conversations: new ConversationService(responder) };
});

function commandArgs(text: string, overrides: { ack?: () => Promise<void>; respond?: (m: unknown) => Promise<unknown> } = {}) {
  const calls: string[] = [];
  const ack = vi.fn(overrides.ack ?? (async () => void calls.push('ack')));
  const respond = vi.fn(overrides.respond ?? (async (_m: unknown) => (calls.push('respond'), {})));
  const command = { text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', command: '/sma', response_url: 'x', trigger_id: 't' };
  return { ack, respond, calls, args: { ack, respond, command } as any };
}
const lastPayload = (respond: { mock: { calls: unknown[][] } }) => respond.mock.calls.at(-1)![0] as any;

describe('/sma', () => {
  it.each([
    ['next-round', { intent: 'next-round' }],
    ['rounds', { intent: 'rounds' }],
    ['rounds 11', { intent: 'rounds', agreement: 11 }],
    ['rounds 10th SMA', { intent: 'rounds', agreement: 10 }],
    ['summary', { intent: 'summary' }],
    ['Next-Round', { intent: 'next-round' }],
  ])('/sma %s acks first, then asks the core %j (no sentence to re-parse) and answers privately with a share button', async (text, request) => {
    const { args, calls, respond } = commandArgs(text);
    await smaCommand(args, deps);
    expect(calls).toEqual(['ack', 'respond']);
    expect(responder.asked).toEqual([{ question: request, options: { now: NOW } }]);
    const payload = lastPayload(respond);
    expect(payload).toMatchObject({ response_type: 'ephemeral', replace_original: false, unfurl_links: false });
    expect(sectionTexts(payload)[0]).toContain(`Answer to: ${JSON.stringify(request)}`);
    expect(buttonsOf(payload).at(-1)).toMatchObject({ action_id: 'sma_share', text: { text: 'Share in channel' } });
  });

  it('a question is passed on as the user typed it (Slack escaping undone); a subcommand word with more words is a question', async () => {
    for (const text of ['rounds held in 2019 &amp; 2020?', 'rounds 2019', 'rounds 0', 'next-round in Seoul?']) await smaCommand(commandArgs(text).args, deps);
    expect(responder.asked.map((a) => a.question)).toEqual(['rounds held in 2019 & 2020?', 'rounds 2019', 'rounds 0', 'next-round in Seoul?']);
  });

  it('/sma help and an empty /sma list every subcommand and offer example questions', async () => {
    for (const text of ['help', '  ']) {
      const { args, respond } = commandArgs(text);
      await smaCommand(args, deps);
      const payload = lastPayload(respond);
      const all = sectionTexts(payload).join('\n');
      for (const s of SUBCOMMANDS) expect(all).toContain(`/sma ${s.name}`);
      expect(all).toContain('I answer questions about the SMA talks.'); // the core's help text
      // The core's example suggestions as buttons that carry its request or fact.
      expect(buttonsOf(payload).map((b) => [b.text.text, b.value])).toEqual([
        ['When is the next round?', 'r:{"i":"next-round"}'],
        ['How long does a round last?', 'f:f2'],
      ]);
      expect(payload.response_type).toBe('ephemeral');
    }
    expect(responder.asked.map((a) => a.question)).toEqual([{ intent: 'help' }, { intent: 'help' }]);
  });

  it.each(['subscribe', 'unsubscribe', 'subscriptions', 'subscribe round-updates'])('/sma %s without the announcement store says announcements are not enabled', async (text) => {
    const { args, respond } = commandArgs(text);
    await smaCommand(args, deps);
    expect(lastPayload(respond).text).toContain('Round announcements are not enabled');
    expect(lastPayload(respond).response_type).toBe('ephemeral');
    expect(responder.asked).toEqual([]);
  });

  it('when ack fails nothing else is sent and the failure is logged', async () => {
    const { args, respond } = commandArgs('summary', {
      ack: async () => {
        throw new Error('socket closed');
      },
    });
    await smaCommand(args, deps);
    expect(respond).not.toHaveBeenCalled();
    expect(log.find('slack /sma ack failed')).toBeDefined();
  });

  it('a failing core gives the user an apology instead of silence', async () => {
    responder.failOn.add('{"intent":"next-round"}');
    const { args, respond } = commandArgs('next-round');
    await smaCommand(args, deps);
    expect(lastPayload(respond).text).toBe(SORRY);
    expect(log.find('responder failed')).toMatchObject({ level: 'error' });
  });

  it('a failing response_url is logged and does not throw', async () => {
    const { args } = commandArgs('summary', {
      respond: async () => {
        throw Object.assign(new Error('Failed to respond'), { statusCode: 404 });
      },
    });
    await expect(smaCommand(args, deps)).resolves.toBeUndefined();
    expect(log.find('slack /sma respond failed')).toMatchObject({ level: 'warn', error: { status: 404 } });
  });

  it('a follow-up in the same channel gets the previous answer as context', async () => {
    await smaCommand(commandArgs('Who leads the talks?').args, deps);
    await smaCommand(commandArgs('what is the source for this?').args, deps);
    expect(responder.asked[1]!.options?.previous?.title).toBe('Who leads the talks?');
  });
});

function client(postMessage = vi.fn(async (_a: any) => ({ ok: true }))) {
  return { postMessage, client: { chat: { postMessage } } as any };
}
const context = { botUserId: 'UBOT', botId: 'BBOT' } as any;

describe('app_mention', () => {
  const mention = (over: Record<string, unknown> = {}) =>
    ({ type: 'app_mention', user: 'U1', text: '<@UBOT> how much does Korea pay?', ts: '1.0001', channel: 'C9', team: 'T1', event_ts: '1.0001', ...over }) as any;

  it('answers in a new thread under the mention, without the mention in the question', async () => {
    const { client: c, postMessage } = client();
    await appMention({ event: mention(), client: c, context }, deps);
    expect(responder.asked.map((a) => a.question)).toEqual(['how much does Korea pay?']);
    expect(postMessage).toHaveBeenCalledTimes(1);
    const arg = postMessage.mock.calls[0]![0];
    expect(arg).toMatchObject({ channel: 'C9', thread_ts: '1.0001', unfurl_links: false, unfurl_media: false });
    expect(arg.text).toContain('Answer to: how much does Korea pay?');
    expect(buttonsOf(arg).some((b) => b.action_id === 'sma_share')).toBe(false); // already visible: nothing to share
  });

  it('answers in the existing thread when mentioned inside one', async () => {
    const { client: c, postMessage } = client();
    await appMention({ event: mention({ ts: '2.0002', thread_ts: '1.0001' }), client: c, context }, deps);
    expect(postMessage.mock.calls[0]![0].thread_ts).toBe('1.0001');
  });

  it('a bare mention gets the help', async () => {
    const { client: c, postMessage } = client();
    await appMention({ event: mention({ text: '<@UBOT>' }), client: c, context }, deps);
    expect(sectionTexts(postMessage.mock.calls[0]![0]).join()).toContain('/sma next-round');
  });

  it.each([
    ['another bot', { bot_id: 'B2' }],
    ['the bot itself', { user: 'UBOT' }],
    ['an edit', { edited: { user: 'U1', ts: '3' } }],
    ['a subtype', { subtype: 'thread_broadcast' }],
    ['a DM (answered by the DM listener)', { channel: 'D1' }],
  ])('ignores a mention from %s', async (_name, over) => {
    const { client: c, postMessage } = client();
    await appMention({ event: mention(over), client: c, context }, deps);
    expect(postMessage).not.toHaveBeenCalled();
    expect(responder.asked).toEqual([]);
  });

  it("a failed chat.postMessage is logged with Slack's error code and does not throw", async () => {
    const error = Object.assign(new Error('An API error occurred: not_in_channel'), { code: 'slack_webapi_platform_error', data: { ok: false, error: 'not_in_channel' } });
    const { client: c } = client(
      vi.fn(async () => {
        throw error;
      }),
    );
    await expect(appMention({ event: mention(), client: c, context }, deps)).resolves.toBeUndefined();
    expect(log.find('slack chat.postMessage failed')).toMatchObject({ level: 'warn', channel: 'C9', error: { slackError: 'not_in_channel' } });
  });
});

describe('direct message', () => {
  const dm = (over: Record<string, unknown> = {}) =>
    ({ type: 'message', channel_type: 'im', user: 'U1', text: 'When was the 10th SMA signed?', ts: '5.0001', channel: 'D1', team: 'T1', event_ts: '5.0001', ...over }) as any;

  it('answers in the DM (top level) and marks its buttons to answer in the DM', async () => {
    const { client: c, postMessage } = client();
    await directMessage({ event: dm(), client: c, context }, deps);
    const arg = postMessage.mock.calls[0]![0];
    expect(arg.channel).toBe('D1');
    expect(arg.thread_ts).toBeUndefined();
    expect(arg.blocks.find((b: any) => b.type === 'actions').block_id).toBe(DM_ACTIONS_BLOCK_ID);
    expect(responder.asked.map((a) => a.question)).toEqual(['When was the 10th SMA signed?']);
  });

  it('replies in the thread when the user wrote in one', async () => {
    const { client: c, postMessage } = client();
    await directMessage({ event: dm({ thread_ts: '4.0001' }), client: c, context }, deps);
    expect(postMessage.mock.calls[0]![0].thread_ts).toBe('4.0001');
  });

  it.each([
    ['an edit', { subtype: 'message_changed', message: { text: 'x' } }],
    ['a deletion', { subtype: 'message_deleted' }],
    ['a bot_message', { subtype: 'bot_message', bot_id: 'B2' }],
    ['another bot without subtype', { bot_id: 'B2' }],
    ['the bot itself', { user: 'UBOT' }],
    ['a channel message', { channel_type: 'channel', channel: 'C1' }],
  ])('ignores %s', async (_name, over) => {
    const { client: c, postMessage } = client();
    await directMessage({ event: dm(over), client: c, context }, deps);
    expect(postMessage).not.toHaveBeenCalled();
    expect(responder.asked).toEqual([]);
  });
});

/** A share id the cache does not hold (a restart, or older than 30 minutes). */
const GONE = '00000000-0000-4000-8000-000000000000';

function actionArgs(action: Record<string, unknown>, body: Record<string, unknown> = {}) {
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async (_m: unknown) => ({}));
  const fullBody = {
    type: 'block_actions',
    user: { id: 'U7', username: 'u' },
    team: { id: 'T1' },
    channel: { id: 'C1' },
    container: { type: 'message', message_ts: '9.0001', is_ephemeral: true },
    ...body,
  };
  return { ack, respond, args: { ack, respond, action: { type: 'button', action_id: 'sma_ask_0', block_id: ACTIONS_BLOCK_ID, ...action }, body: fullBody } as any };
}

describe('buttons', () => {
  it("a fact button asks the fact's question and answers privately to the clicker, with a share button", async () => {
    const { args, ack, respond } = actionArgs({ value: 'f:f2' });
    await askAction(args, deps);
    expect(ack).toHaveBeenCalled();
    expect(responder.asked.map((a) => a.question)).toEqual(['How long does a round last?']);
    const payload = lastPayload(respond);
    expect(payload).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(sectionTexts(payload)[0]).toContain('Answer to: How long does a round last?');
    expect(buttonsOf(payload).at(-1).action_id).toBe('sma_share');
  });

  it('a request button asks exactly its request; a words button its words; a value from before the payload format is its question', async () => {
    for (const value of ['r:{"i":"rounds","a":11}', 'q:What rounds have been held so far?', 'Who leads the talks?']) {
      await askAction(actionArgs({ value }).args, deps);
    }
    expect(responder.asked.map((a) => a.question)).toEqual([{ intent: 'rounds', agreement: 11 }, 'What rounds have been held so far?', 'Who leads the talks?']);
  });

  it('in the bot DM a suggestion answers as a normal DM message, in the same thread', async () => {
    const { args, respond } = actionArgs(
      { value: 'q:q?', block_id: DM_ACTIONS_BLOCK_ID },
      { channel: { id: 'D1' }, container: { type: 'message', message_ts: '9.1', thread_ts: '9.0', is_ephemeral: false } },
    );
    await askAction(args, deps);
    expect(lastPayload(respond)).toMatchObject({ response_type: 'in_channel', replace_original: false, thread_ts: '9.0' });
  });

  it.each([
    ['an empty value', '', 'malformed value'],
    ['broken JSON', 'r:{"i":', 'malformed value'],
    ['an intent the core does not have', 'r:{"i":"weather"}', 'malformed value'],
    ['an extra field', 'r:{"i":"rounds","admin":true}', 'malformed value'],
    ['an unknown prefix', 'x:something', 'malformed value'],
    ['a question over 500 characters', `q:${'why '.repeat(130)}`, 'malformed value'],
    ['a fact the record no longer has', 'f:gone-fact', 'fact not in the record'],
  ])('%s gets a private apology and a log line, and asks nothing', async (_name, value, reason) => {
    const { args, respond } = actionArgs({ value });
    await askAction(args, deps);
    expect(responder.asked).toEqual([]);
    expect(lastPayload(respond)).toMatchObject({ response_type: 'ephemeral', text: UNKNOWN_BUTTON });
    expect(log.find('slack button not resolved')).toMatchObject({ level: 'warn', reason });
  });

  it('share posts the answer the user saw, visibly, names the sharer, then removes the private copy; a double click posts once', async () => {
    // The private answer, as /sma showed it:
    const cmd = commandArgs('Who leads the talks?');
    await smaCommand(cmd.args, deps);
    const privateCopy = lastPayload(cmd.respond);
    const shareValue = buttonsOf(privateCopy).find((b) => b.action_id === 'sma_share').value;
    // The core would now answer differently; the share must still post what the user saw.
    responder.special.set('Who leads the talks?', { text: 'A different answer' });

    const first = actionArgs({ action_id: 'sma_share', value: shareValue });
    await shareAction(first.args, deps);
    const [posted, cleanup] = first.respond.mock.calls.map((c) => c[0] as any);
    expect(posted).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(sectionTexts(posted)).toEqual(sectionTexts(privateCopy));
    expect(contextTexts(posted)).toContain('Shared by <@U7>');
    expect(buttonsOf(posted).some((b) => b.action_id === 'sma_share')).toBe(false);
    expect(cleanup).toEqual({ delete_original: true });

    const second = actionArgs({ action_id: 'sma_share', value: shareValue });
    await shareAction(second.args, deps);
    expect(second.respond).not.toHaveBeenCalled();
  });

  it("after a restart the share asks again what was asked: the words, or the subcommand's request", async () => {
    const cmd = commandArgs('summary');
    await smaCommand(cmd.args, deps);
    const shareValue = buttonsOf(lastPayload(cmd.respond)).find((b) => b.action_id === 'sma_share').value;
    const restarted: ListenerDeps = { ...deps, state: createState(), conversations: new ConversationService(responder) }; // nothing remembered
    responder.asked.length = 0;
    const share = actionArgs({ action_id: 'sma_share', value: shareValue });
    await shareAction(share.args, restarted);
    expect(responder.asked.map((a) => a.question)).toEqual([{ intent: 'summary' }]);
    expect(sectionTexts(share.respond.mock.calls[0]![0] as any)[0]).toContain('Answer to: {"intent":"summary"}');

    const words = actionArgs({ action_id: 'sma_share', value: encodeShareValue({ id: GONE, target: { kind: 'question', question: 'When is the next round?' } }) });
    await shareAction(words.args, restarted);
    expect(responder.asked.at(-1)!.question).toBe('When is the next round?');
  });

  it.each([
    ['not JSON', 'When is the next round?'],
    ['an old share value', JSON.stringify({ id: 'x', q: 'q' })],
    ['a bad id', JSON.stringify({ id: '../x', ask: 'q:q' })],
  ])('a share button with %s gets a private apology and asks nothing', async (_name, value) => {
    const { args, respond } = actionArgs({ action_id: 'sma_share', value });
    await shareAction(args, deps);
    expect(responder.asked).toEqual([]);
    expect(lastPayload(respond)).toMatchObject({ response_type: 'ephemeral', text: UNKNOWN_BUTTON });
    expect(log.find('slack share ignored: unreadable button value')).toBeDefined();
  });

  it('a share whose post failed can be pressed again', async () => {
    const value = encodeShareValue({ id: GONE, target: { kind: 'question', question: 'q' } });
    const failing = actionArgs({ action_id: 'sma_share', value });
    failing.respond.mockRejectedValueOnce(new Error('Failed to respond'));
    await shareAction(failing.args, deps);
    expect(log.find('slack share respond failed')).toBeDefined();
    const retry = actionArgs({ action_id: 'sma_share', value });
    await shareAction(retry.args, deps);
    expect(lastPayload(retry.respond)).toEqual({ delete_original: true });
    expect(retry.respond).toHaveBeenCalledTimes(2);
  });
});

describe('retry guard', () => {
  const run = async (guard: ReturnType<typeof dropRetriedEvents>, body: object, ctx: object = {}) => {
    const next = vi.fn(async () => {});
    await guard({ body, context: ctx, next } as any);
    return next.mock.calls.length === 1;
  };

  it('lets an event through once; a redelivery of the same event_id is dropped', async () => {
    const guard = dropRetriedEvents(createState().seenEvents, log.logger);
    expect(await run(guard, { event_id: 'Ev1' })).toBe(true);
    expect(await run(guard, { event_id: 'Ev1' }, { retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(await run(guard, { event_id: 'Ev2' })).toBe(true);
    expect(log.find('slack event dropped: already handled')).toMatchObject({ eventId: 'Ev1', retryNum: 1 });
  });

  it('drops an unseen retry after a timeout (the first delivery reached a server) but answers one whose first delivery failed', async () => {
    const guard = dropRetriedEvents(createState().seenEvents, log.logger);
    expect(await run(guard, { event_id: 'Ev3' }, { retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(await run(guard, { event_id: 'Ev4' }, { retryNum: 1, retryReason: 'http_error' })).toBe(true);
  });

  it('commands and button clicks (no event_id) always pass', async () => {
    const guard = dropRetriedEvents(createState().seenEvents, log.logger);
    expect(await run(guard, { command: '/sma' })).toBe(true);
    expect(await run(guard, { command: '/sma' })).toBe(true);
  });
});

it('answerFor helper sanity: the fake core answers with sources', () => {
  expect(answerFor('q').sources.length).toBe(2);
});
