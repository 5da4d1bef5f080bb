/**
 * Conversations through discord.js fed raw gateway payloads (REST on the loopback fake), with the
 * real record: each user has their own conversation in a channel; `/sma ask` follow-ups lean on
 * the user's last answer ("and in 2020?", "who signed it?", "when did it enter into force?",
 * "what about the 11th?", "the one before", "and the US side?", "source?", "why?", "more"); a new
 * subject starts afresh; the context ends 30 minutes (real clock, injected) after the last turn;
 * and a button still asks its request after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { decodePayload } from '../../src/adapters/payload.js';
import type { AskRequest } from '../../src/core/answer.js';
import { ConversationService, CONVERSATION_TTL_MS } from '../../src/conversation/service.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, waitFor, type FakeDiscord } from './fakeDiscord.js';
import { buttonPayload, slash, str } from './payloads.js';
import { recordResponder } from '../support/record.js';

const NOW = new Date('2026-01-24T12:00:00Z');
const responder = recordResponder(NOW);
let realClock = 1_000_000;
let fake: FakeDiscord;
const clients: Client[] = [];

/** A bot process: its own client and, unless given one, its own conversations (a restart forgets them). */
function newBot(conversations = new ConversationService(responder, { clock: () => realClock })) {
  const { client } = createDiscordClient({ DISCORD_API_URL: fake.api }, { responder, logger: silentLogger, clock: () => NOW, conversations }, { rest: { retries: 0 } });
  clients.push(client);
  return async (raw: { id: string; token: string }) => {
    (client as any).actions.InteractionCreate.handle(raw);
    const call = await waitFor(() => fake.calls.find((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`));
    const embed = call.body.data.embeds?.[0] ?? {};
    return {
      title: String(embed.title ?? ''),
      text: `${embed.title ?? ''}\n${embed.description ?? ''}\n${(embed.fields ?? []).map((f: { value: string }) => f.value).join('\n')}`,
      body: call.body,
    };
  };
}

const ask = (question: string, userId?: string) => slash('ask', [str('question', question)], userId ? { userId } : {});

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await fake.close();
});

describe('Discord conversations with the real core', () => {
  it("/sma ask follow-ups lean on the asker's last answer; another user in the channel has their own", async () => {
    const send = newBot();
    expect((await send(ask('how much did korea pay in 2019?'))).text).toMatch(/1\.0389 trillion won/);
    expect((await send(ask('and in 2020?', '400000000000000099'))).title).not.toBe("Korea's SMA contribution in 2020");
    expect((await send(ask('and in 2020?'))).title).toBe("Korea's SMA contribution in 2020");
    expect((await send(ask('who signed it?'))).text).toMatch(/11th SMA was signed on April 8, 2021/);
    expect((await send(ask('when did it enter into force?'))).text).toMatch(/entered into force on September 1, 2021/);
    expect((await send(ask('source?'))).title).toMatch(/^Sources for: /);
    expect((await send(ask('what about the 10th?'))).text).toMatch(/10th SMA entered into force on April 5, 2019/);
  });

  it('"and the US side?", "what about the 11th?", "the one before", then a new subject afresh', async () => {
    const send = newBot();
    expect((await send(ask('who negotiated the 12th SMA for korea?'))).text).toMatch(/Lee Tae-woo/);
    expect((await send(ask('and the US side?'))).text).toMatch(/Linda Specht/);
    expect((await send(ask('what about the 11th?'))).text).toMatch(/James DeHart/);
    expect((await send(ask('the one before'))).text).toMatch(/Timothy Betts/);
    expect((await send(ask('how many US troops are in Korea?'))).text).toMatch(/28,500/);
    expect((await send(ask('source?'))).title).toBe('Sources for: What is the size of US Forces Korea?');
  });

  it('"why?" and "more" look behind the last answer', async () => {
    const send = newBot();
    await send(ask('what happened at the third round of the 11th SMA talks?'));
    expect((await send(ask('why?'))).text).toMatch(/not responsive|walked out|left/i);
    await send(ask('what has trump demanded from korea?'));
    expect((await send(ask('more'))).text).toMatch(/money machine/);
  });

  it('the context ends 30 minutes after the last turn on the real clock, though the answering clock stands still', async () => {
    const send = newBot();
    await send(ask('how much did korea pay in 2019?'));
    realClock += CONVERSATION_TTL_MS - 1000;
    expect((await send(ask('and in 2020?'))).title).toBe("Korea's SMA contribution in 2020");
    realClock += CONVERSATION_TTL_MS;
    expect((await send(ask('and in 2021?'))).title).not.toBe("Korea's SMA contribution in 2021");
  });

  it('after a restart, a follow-up button of a follow-up answer asks its own request', async () => {
    const send = newBot();
    await send(ask('who negotiated the 12th SMA for korea?'));
    const answer = await send(ask('what about the 11th?'));
    const row = answer.body.data.components[0];
    const button = row.components.find((b: { custom_id: string }) => b.custom_id.startsWith('sma:r:'));
    expect(button).toBeDefined();
    const restarted = newBot();
    const click = await restarted(buttonPayload(button.custom_id, { label: button.label, components: [row] }));
    const target = decodePayload(button.custom_id.slice('sma:'.length));
    expect(target?.kind).toBe('request');
    expect(click.title).toBe(responder.ask((target as { request: AskRequest }).request, { now: NOW }).title);
  });
});
