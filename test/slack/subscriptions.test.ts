/**
 * `/sma subscribe | unsubscribe | subscriptions` on their own, with stubs of ack/respond/client and
 * the real subscriptions service over a temporary SQLite store: what the user and the channel see.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import { createSubscriptions, type Subscriptions } from '../../src/announce/subscriptions.js';
import { ConversationService } from '../../src/conversation/service.js';
import { createState, SORRY, type ListenerDeps } from '../../src/slack/deps.js';
import { smaCommand } from '../../src/slack/listeners/commands/sma-command.js';
import { ALREADY, CHANNELS_ONLY, FIXED, INVITE_FIRST, NOT_SUBSCRIBED, SUBSCRIBED } from '../../src/slack/listeners/commands/subscriptions.js';
import { tempDir } from '../announce/helpers.js';
import { captureLogger, fakeResponder, sectionTexts, type CapturedLogger } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
let subscriptions: Subscriptions;
let log: CapturedLogger;
let deps: ListenerDeps;

beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.dir);
  subscriptions = createSubscriptions(store, [{ platform: 'slack', workspaceId: '', channelId: 'CFIXED01' }]);
  log = captureLogger();
  const responder = fakeResponder();
  deps = { responder, logger: log.logger, state: createState(), conversations: new ConversationService(responder), subscriptions };
});
afterEach(() => {
  store.close();
  tmp.remove();
});

function run(text: string, channel = 'C0TALKS1', postMessage = vi.fn(async (_a: any) => ({ ok: true }))) {
  const respond = vi.fn(async (_m: unknown) => ({}));
  const command = { text, user_id: 'U0ANA', channel_id: channel, team_id: 'T1', command: '/sma', response_url: 'x', trigger_id: 't' };
  const done = smaCommand({ ack: async () => {}, respond, command, client: { chat: { postMessage } } } as any, deps);
  return { done, respond, postMessage, reply: async () => (await done, respond.mock.calls.at(-1)?.[0] as any) };
}
const slackError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('/sma subscribe', () => {
  it('subscribes the channel and says so in the channel, as the bot, naming who did it', async () => {
    const r = run('subscribe');
    expect(await r.reply()).toBeUndefined(); // the public note is the answer
    expect(r.postMessage).toHaveBeenCalledTimes(1);
    expect(r.postMessage.mock.calls[0]![0]).toMatchObject({ channel: 'C0TALKS1', text: expect.stringMatching(/^<@U0ANA> subscribed this channel to SMA round updates/) });
    expect(await store.subscriptions('slack', 'T1')).toEqual([{ platform: 'slack', workspaceId: 'T1', channelId: 'C0TALKS1' }]);
    expect(store.db.prepare('SELECT created_by FROM subscriptions').get()).toEqual({ created_by: 'U0ANA' });
  });

  it('twice: the second time says it already is', async () => {
    await run('subscribe').done;
    expect((await run('subscribe').reply()).text).toBe(ALREADY);
  });

  it("the operator's channel: always subscribed, nothing stored", async () => {
    expect((await run('subscribe', 'CFIXED01').reply()).text).toContain("the bot's operator listed it");
    expect(FIXED).toContain('ANNOUNCE_SLACK_CHANNELS');
    expect(await store.subscriptions()).toEqual([]);
  });

  it('a channel the bot cannot post in: not subscribed, and told how to fix it', async () => {
    const r = run(
      'subscribe',
      'C0PRIVATE',
      vi.fn(async () => Promise.reject(slackError('not_in_channel'))),
    );
    expect(await r.reply()).toMatchObject({ response_type: 'ephemeral', text: INVITE_FIRST });
    expect(await store.subscriptions()).toEqual([]);
  });

  it('the public note failing for another reason: still subscribed, told privately', async () => {
    const r = run(
      'subscribe',
      'C0TALKS1',
      vi.fn(async () => Promise.reject(slackError('internal_error'))),
    );
    expect((await r.reply()).text).toBe(SUBSCRIBED);
    expect(await store.subscriptions()).toHaveLength(1);
  });

  it('a direct message is not a channel', async () => {
    const r = run('subscribe', 'D0DM0001');
    expect((await r.reply()).text).toBe(CHANNELS_ONLY);
    expect(r.postMessage).not.toHaveBeenCalled();
  });

  it('a read-only store: the reply says subscriptions are paused, why and where; a warning is logged', async () => {
    store.db.pragma('query_only = ON'); // what SQLite answers on a read-only file or disk
    const r = run('subscribe');
    const text = (await r.reply()).text as string;
    expect(text).toMatch(/^Round announcements and subscriptions are paused: the bot cannot use its store \(/);
    expect(text).toContain(`${store.path}: the database is read-only`);
    expect(text).toContain('Questions are still answered');
    expect(log.find('slack subscribe: the store cannot be used')).toMatchObject({ level: 'warn', store: store.path });
    expect(r.postMessage).not.toHaveBeenCalled();
  });

  it('any other failure (a bug): an apology and an error log line, never silence', async () => {
    deps.subscriptions = { ...subscriptions, subscribe: async () => Promise.reject(new TypeError('boom')) };
    const r = run('subscribe');
    expect((await r.reply()).text).toBe(SORRY);
    expect(log.find('slack subscribe failed')).toMatchObject({ level: 'error' });
  });
});

describe('/sma unsubscribe', () => {
  it('says so publicly; then the channel is no longer subscribed', async () => {
    await run('subscribe').done;
    const payload = await run('unsubscribe').reply();
    expect(payload).toMatchObject({ response_type: 'in_channel', text: '<@U0ANA> unsubscribed this channel from SMA round updates.' });
    expect(await store.subscriptions()).toEqual([]);
    expect((await run('unsubscribe').reply()).text).toBe(NOT_SUBSCRIBED);
  });

  it("cannot remove the operator's channel", async () => {
    expect((await run('unsubscribe', 'CFIXED01').reply()).text).toContain('only they can change that');
  });
});

describe('/sma subscriptions', () => {
  it("lists the workspace's channels as channel links, the operator's marked, this one marked", async () => {
    await run('subscribe', 'C0TALKS1').done;
    await store.subscribe({ platform: 'slack', workspaceId: 'T-OTHER', channelId: 'C0ELSEWHERE' });
    const payload = await run('subscriptions', 'C0TALKS1').reply();
    expect(payload.response_type).toBe('ephemeral');
    expect(sectionTexts(payload)[0]).toBe("*Channels that get SMA round updates*\n• <#CFIXED01> (set by the bot's operator)\n• <#C0TALKS1> (this channel)");
  });

  it('says how to start when there is nothing to list', async () => {
    deps.subscriptions = createSubscriptions(store, []);
    expect((await run('subscriptions').reply()).text).toMatch(/^No channel gets SMA round updates yet/);
  });
});
