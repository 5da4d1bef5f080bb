/**
 * The adapter end to end on the real discord.js stack: a real `Client` wired by the production
 * code, REST pointed at a loopback fake (as DISCORD_API_URL does), raw INTERACTION_CREATE
 * payloads fed through the client's own gateway handler. What the fake receives is what Discord
 * would receive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { createLogger } from '../../src/log.js';
import { buildCommands, createDiscordClient } from '../../src/discord/index.js';
import type { DiscordDeps } from '../../src/discord/index.js';
import type { ChannelRef } from '../../src/announce/store.js';
import { APOLOGY } from '../../src/discord/interactions.js';
import { NOT_AVAILABLE } from '../../src/discord/commands/smaAdmin.js';
import { EXPIRED } from '../../src/discord/buttons.js';
import { ANNOUNCE_PERMS, APP_ID, CHANNEL_ID, GUILD_ID, USER_ID, autocomplete, bool, buttonPayload, int, slash, str } from './payloads.js';
import { LONG_QUESTION, QUESTIONS, fakeResponder } from './fakeResponder.js';
import type { FakeResponder } from './fakeResponder.js';
import { startFakeDiscord, waitFor } from './fakeDiscord.js';
import type { Call, FakeDiscord } from './fakeDiscord.js';

let fake: FakeDiscord;
const clients: Client[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

interface Bot {
  client: Client;
  responder: FakeResponder;
  logs: Record<string, any>[];
  /** Feeds a raw payload through the client's own INTERACTION_CREATE handler; resolves with the callback the fake received. */
  send(raw: { id: string; token: string }): Promise<Call>;
}

function bot(extra: Partial<DiscordDeps> = {}): Bot {
  const responder = fakeResponder();
  const logs: Record<string, any>[] = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line)));
  const { client } = createDiscordClient({ DISCORD_API_URL: fake.api }, { responder, logger, ...extra }, { rest: { retries: 0 } });
  clients.push(client);
  return {
    client,
    responder,
    logs,
    async send(raw) {
      (client as any).actions.InteractionCreate.handle(raw);
      return callbackOf(raw);
    },
  };
}

const callbackOf = (raw: { id: string; token: string }) => waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/interactions/${raw.id}/${raw.token}/callback`));

const isEphemeral = (data: { flags?: number }) => ((data.flags ?? 0) & 64) === 64;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await fake.close();
  process.off('unhandledRejection', onUnhandled);
});

describe('/sma subcommands answer at once with an embed', () => {
  it('/sma ask: a public embed (title = question, answer, sources field, as-of footer, source link) with suggestion buttons, no mention parsing', async () => {
    const b = bot();
    const raw = slash('ask', [str('question', 'How long does a round last?')]);
    const started = Date.now();
    const call = await b.send(raw);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(b.responder.asked.map((a) => a.question)).toEqual(['How long does a round last?']);
    expect(call.query.get('with_response')).toBe('false');
    expect(call.headers.authorization).toBeUndefined(); // interaction callbacks are authorised by their token
    expect(call.body.type).toBe(4); // CHANNEL_MESSAGE_WITH_SOURCE: answered directly, not deferred
    const data = call.body.data;
    expect(isEphemeral(data)).toBe(false);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds).toHaveLength(1);
    expect(data.embeds[0]).toMatchObject({
      title: 'How long does a round last?',
      description: 'Answer to: How long does a round last?',
      url: 'https://en.yna.co.kr/view/AEN20180307000351315',
      footer: { text: 'as of March 8, 2019' },
      fields: [{ name: 'Sources', value: expect.stringMatching(/^Yonhap, "\[.+\]\(https:\/\/en\.yna\.co\.kr\/.+\)" \(March 7, 2018\)\nMinistry of Foreign Affairs/) }],
    });
    expect(data.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: 'How long does a round last?', custom_id: 'sma:f:round-length' },
          { type: 2, style: 2, label: 'What rounds have been held so far?', custom_id: 'sma:q:What rounds have been held so far?' },
          { type: 2, style: 2, label: 'Rounds of the 11th SMA talks', custom_id: 'sma:r:{"i":"rounds","a":11}' },
        ],
      },
    ]);
  });

  it.each([
    ['next-round', [], { intent: 'next-round' }],
    ['rounds', [], { intent: 'rounds' }],
    ['rounds', [int('agreement', 10)], { intent: 'rounds', agreement: 10 }],
    ['rounds', [int('agreement', 12)], { intent: 'rounds', agreement: 12 }],
    ['summary', [], { intent: 'summary' }],
    ['help', [], { intent: 'help' }],
  ] as const)('/sma %s %j asks the core %j by intent and slots (no sentence) and posts its answer publicly', async (sub, options, request) => {
    const b = bot();
    const call = await b.send(slash(sub, [...options]));
    expect(b.responder.asked.map((a) => a.question)).toEqual([request]);
    expect(call.body.type).toBe(4);
    expect(isEphemeral(call.body.data)).toBe(false);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(call.body.data.embeds[0].title).toBe(JSON.stringify(request));
    expect(call.body.data.components[0].components.length).toBeGreaterThan(0);
  });

  it("/sma help adds the Discord command list to the core's help", async () => {
    const call = await bot().send(slash('help'));
    const commands = call.body.data.embeds[0].fields.find((f: { name: string }) => f.name === 'Commands');
    expect(commands.value).toContain('`/sma ask question:` Ask a question about the SMA talks');
    expect(commands.value).toContain('`/sma-admin subscribe [language]` Post SMA round updates in this channel (Manage Channels)');
    // Written from the definitions: every registered subcommand has its line.
    for (const c of buildCommands({ agreements: [] })) {
      for (const s of ('options' in c ? (c.options ?? []) : []).filter((o) => o.type === 1)) expect(commands.value).toContain(`\`/${c.name} ${s.name}`);
    }
  });

  it.each(['ask', 'next-round', 'rounds', 'summary', 'help'])('/sma %s private:True → only the asker sees it (flags 64)', async (sub) => {
    const options = sub === 'ask' ? [str('question', 'Who leads the Korean delegation?'), bool('private', true)] : [bool('private', true)];
    const call = await bot().send(slash(sub, options));
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags).toBe(64);
    expect(call.body.data.embeds).toHaveLength(1);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('private:False is public, like no option', async () => {
    const call = await bot().send(slash('next-round', [bool('private', false)]));
    expect(isEphemeral(call.body.data)).toBe(false);
  });

  it('passes the asker\'s previous answer to the core (for "what is the source for this?") and the clock\'s date', async () => {
    const now = new Date('2018-04-01T00:00:00Z');
    const b = bot({ clock: () => now });
    await b.send(slash('next-round'));
    await b.send(slash('ask', [str('question', 'what is the source for this?')]));
    const [first, second] = b.responder.asked;
    expect(first!.options?.now).toEqual(now);
    expect(first!.options?.previous).toBeUndefined();
    expect(second!.options?.previous?.title).toBe('{"intent":"next-round"}');
    // another user in the same channel has no "this"
    await b.send(slash('ask', [str('question', 'what is the source for this?')], { userId: '400000000000000099' }));
    expect(b.responder.asked[2]!.options?.previous).toBeUndefined();
  });

  it('works in a DM with the bot as well', async () => {
    const b = bot();
    const call = await b.send(slash('ask', [str('question', 'How long does a round last?')], { guild: false }));
    expect(call.body.data.embeds[0].title).toBe('How long does a round last?');
  });
});

describe('autocomplete for /sma ask question:', () => {
  it('answers with callback type 8, at most 25 choices, names and values ≤ 100, top questions for empty input', async () => {
    const b = bot();
    const started = Date.now();
    const call = await b.send(autocomplete(''));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(call.body.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    const choices = call.body.data.choices as { name: string; value: string }[];
    expect(b.responder.completed).toEqual([{ partial: '', limit: 25 }]);
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: QUESTIONS[0]!.question, value: QUESTIONS[0]!.question });
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices.find((c) => c.name.startsWith('What exactly'))!.name).toMatch(/…$/);
  });

  it('ranks for what the user typed', async () => {
    const b = bot();
    const call = await b.send(autocomplete('korean'));
    expect(b.responder.completed[0]!.partial).toBe('korean');
    expect(call.body.data.choices).toEqual([{ name: 'Who leads the Korean delegation?', value: 'Who leads the Korean delegation?' }]);
  });
});

describe('suggestion buttons', () => {
  it("a fact button asks the fact's question and posts its answer (component interaction → type 4)", async () => {
    const b = bot();
    const call = await b.send(buttonPayload('sma:f:round-length', { label: 'How long does a round last?' }));
    expect(b.responder.asked.map((a) => a.question)).toEqual(['How long does a round last?']);
    expect(call.body.type).toBe(4);
    expect(call.body.data.embeds[0].title).toBe('How long does a round last?');
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(isEphemeral(call.body.data)).toBe(false); // under a public answer, public
  });

  it('under a private answer the follow-up is private too', async () => {
    const b = bot();
    const call = await b.send(buttonPayload('sma:q:What rounds have been held so far?', { label: 'What rounds have been held so far?', ephemeral: true }));
    expect(b.responder.asked.at(-1)!.question).toBe('What rounds have been held so far?');
    expect(call.body.data.flags).toBe(64);
  });

  it('after a restart, a button rendered from a suggestion with a request asks exactly that request', async () => {
    const before = bot();
    const answer = await before.send(slash('ask', [str('question', 'How long does a round last?')]));
    const row = answer.body.data.components[0];
    const button = row.components.find((c: { label: string }) => c.label === 'Rounds of the 11th SMA talks');
    const afterRestart = bot(); // a new client and context: nothing remembered
    const call = await afterRestart.send(buttonPayload(button.custom_id, { label: 'a label that is not read', components: [row] }));
    expect(afterRestart.responder.asked.map((a) => a.question)).toEqual([{ intent: 'rounds', agreement: 11 }]);
    expect(call.body.data.embeds[0].title).toBe('{"intent":"rounds","agreement":11}');
  });

  it("after a restart a fact button finds the fact's full question through the core, whatever its label", async () => {
    const b = bot();
    const call = await b.send(buttonPayload('sma:f:deal-2019-terms', { label: `${LONG_QUESTION.slice(0, 70)}…` }));
    expect(b.responder.asked.at(-1)!.question).toBe(LONG_QUESTION);
    expect(call.body.data.embeds[0].title).toBe(LONG_QUESTION);
  });

  it('a fact button posted before the payload format (sma:ask:<id>) still answers its fact', async () => {
    const b = bot();
    await b.send(buttonPayload('sma:ask:korean-negotiator', { label: 'Who leads the Korean delegation?' }));
    expect(b.responder.asked.at(-1)!.question).toBe('Who leads the Korean delegation?');
  });

  it.each([
    ['a malformed request', 'sma:r:{"i":"next-round",', 'malformed custom id'],
    ['an intent the core does not have', 'sma:r:{"i":"weather"}', 'malformed custom id'],
    ['a slot out of bounds', 'sma:r:{"i":"rounds","a":-3}', 'malformed custom id'],
    ['an old hashed id', 'sma:h:AAAAAAAAAAAAAAAAAAAAAA', 'malformed custom id'],
    ['a fact the record no longer has', 'sma:f:no-such-fact', 'fact not in the record'],
  ])('%s gets a private explanation and a log line, not a wrong answer', async (_name, customId, reason) => {
    const b = bot();
    const call = await b.send(buttonPayload(customId, { label: 'When is the next round?' }));
    expect(b.responder.asked).toEqual([]);
    expect(call.body.data).toMatchObject({ content: EXPIRED, flags: 64, allowed_mentions: { parse: [] } });
    expect(b.logs.find((l) => l.msg === 'discord button not resolved')).toMatchObject({ level: 'warn', customId, reason });
    expect(unhandled).toEqual([]);
  });
});

describe('/sma-admin subscribe, unsubscribe and subscriptions', () => {
  it('without the announcement store, say plainly and privately that announcements are not enabled', async () => {
    const b = bot();
    for (const sub of ['subscribe', 'unsubscribe', 'subscriptions']) {
      const call = await b.send(slash(sub, [], { command: 'sma-admin' }));
      expect(call.body).toMatchObject({ type: 4, data: { content: NOT_AVAILABLE, flags: 64, allowed_mentions: { parse: [] } } });
    }
  });

  it('with the announcement store: defer (the store may be slow), store the channel, then edit in the confirmation', async () => {
    const stored: ChannelRef[] = [];
    const b = bot({
      subscriptions: {
        subscribe: async (t) => (stored.push(t), 'subscribed'),
        unsubscribe: async () => 'not-subscribed',
        list: async () => [],
        paused: () => undefined,
      },
    });
    const raw = slash('subscribe', [], { command: 'sma-admin' });
    const call = await b.send(raw);
    expect(call.body).toEqual({ type: 5, data: { flags: 0 } }); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, public
    const edit = await waitFor(() => fake.calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${raw.token}/messages/@original`));
    // Not in the cache here, so its type is left to the poster; the bot's permissions come with every interaction.
    expect(stored).toEqual([{ platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID, permissions: ANNOUNCE_PERMS }]);
    expect(edit.body.content).toMatch(/^This channel will now receive SMA round updates/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });

    const raw2 = slash('unsubscribe', [], { command: 'sma-admin' });
    await b.send(raw2);
    const edit2 = await waitFor(() => fake.calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${raw2.token}/messages/@original`));
    expect(edit2.body.content).toBe('This channel was not subscribed to SMA round updates.');
  });

  it('refuses to subscribe a channel the bot cannot post in, naming the missing permissions', async () => {
    let calls = 0;
    const b = bot({ subscriptions: { subscribe: async () => (calls++, 'subscribed'), unsubscribe: async () => 'unsubscribed', list: async () => [], paused: () => undefined } });
    const call = await b.send(slash('subscribe', [], { command: 'sma-admin', appPermissions: String(1024) }));
    expect(calls).toBe(0);
    expect(call.body.data.flags).toBe(64);
    expect(call.body.data.content).toContain('Send Messages, Embed Links');
  });
});

describe('the one error path', () => {
  it('the core throwing → an ephemeral apology, a log line, no unhandled rejection, and the client keeps answering', async () => {
    const b = bot();
    b.responder.failOn.add('boom');
    const raw = slash('ask', [str('question', 'boom')]);
    const call = await b.send(raw);
    expect(call.body).toMatchObject({ type: 4, data: { content: APOLOGY, flags: 64, allowed_mentions: { parse: [] } } });
    const line = await waitFor(() => b.logs.find((l) => l.msg === 'discord interaction failed'));
    expect(line).toMatchObject({ level: 'error', platform: 'discord', interactionId: raw.id, command: 'sma', subcommand: 'ask', userId: USER_ID });
    expect(line.error.message).toBe('responder exploded on "boom"');

    const next = await b.send(slash('next-round'));
    expect(next.body.data.embeds[0].title).toBe('{"intent":"next-round"}');
    expect(unhandled).toEqual([]);
  });

  it('after a defer, the apology is a follow-up (the store throwing)', async () => {
    const b = bot({
      subscriptions: { subscribe: async () => Promise.reject(new Error('disk full')), unsubscribe: async () => 'unsubscribed', list: async () => [], paused: () => undefined },
    });
    const raw = slash('subscribe', [], { command: 'sma-admin' });
    expect((await b.send(raw)).body.type).toBe(5);
    const followUp = await waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${raw.token}`));
    expect(followUp.body).toMatchObject({ content: APOLOGY, flags: 64, allowed_mentions: { parse: [] } });
    expect((await waitFor(() => b.logs.find((l) => l.msg === 'discord interaction failed'))).error.message).toBe('disk full');
    expect(unhandled).toEqual([]);
  });

  it('Discord rejecting the reply itself (expired token) is logged twice and goes no further', async () => {
    const b = bot();
    const raw = slash('next-round');
    fake.failNext('POST', `/interactions/${raw.id}/`, 404, { message: 'Unknown interaction', code: 10062 });
    fake.failNext('POST', `/interactions/${raw.id}/`, 404, { message: 'Unknown interaction', code: 10062 });
    (b.client as any).actions.InteractionCreate.handle(raw);
    const failed = await waitFor(() => b.logs.find((l) => l.msg === 'discord apology failed'));
    expect(failed.error.message).toContain('Unknown interaction');
    expect(b.logs.find((l) => l.msg === 'discord interaction failed')!.error.message).toContain('Unknown interaction');
    expect(unhandled).toEqual([]);
    // still alive
    expect((await b.send(slash('summary'))).body.type).toBe(4);
  });

  it('autocomplete failing → an empty list (it cannot show text) and a log line', async () => {
    const b = bot();
    b.responder.complete = () => {
      throw new Error('index not built');
    };
    const call = await b.send(autocomplete('next'));
    expect(call.body).toEqual({ type: 8, data: { choices: [] } });
    expect((await waitFor(() => b.logs.find((l) => l.msg === 'discord interaction failed'))).error.message).toBe('index not built');
  });

  it('a command the code no longer knows (stale registration) gets a private hint, not silence', async () => {
    const call = await bot().send(slash('subscriptions', [], { command: 'sma-old' }));
    expect(call.body.data.flags).toBe(64);
    expect(call.body.data.content).toContain('sma -- discord register');
  });

  it("a button the bot does not know (another version's id) gets a private note", async () => {
    const b = bot();
    const call = await b.send(buttonPayload('legacy:share', { label: 'Share' }));
    expect(b.responder.asked).toEqual([]);
    expect(call.body.data).toMatchObject({ content: EXPIRED, flags: 64 });
  });

  it('never logs the bot token', async () => {
    const b = bot();
    b.client.rest.setToken('MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789');
    b.responder.failOn.add('token please');
    await b.send(slash('ask', [str('question', 'token please')]));
    await waitFor(() => b.logs.find((l) => l.msg === 'discord interaction failed'));
    expect(JSON.stringify(b.logs)).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
  });
});
