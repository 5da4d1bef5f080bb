/**
 * 👍/👎 through the real discord.js stack: a real Client wired by the production code, raw
 * INTERACTION_CREATE payloads (button clicks, the 👎 modal's submission) fed through its own
 * gateway handler, REST on the loopback fake, the real core on the fixture record and votes in a
 * real SQLite file. A vote, the same again, a 👎 with a reason, a second person, a click after a
 * restart on the old message, and a store that cannot be used.
 */
import type { Client } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResilientStore, type BotStore } from '../../src/announce/resilientStore.js';
import { openCheckedSqliteStore } from '../../src/announce/sqliteStore.js';
import { StoreUnavailableError, type AnnouncementStore } from '../../src/announce/store.js';
import { loadOrThrow } from '../../src/boot.js';
import { createResponder } from '../../src/core/responder.js';
import { Feedback } from '../../src/curation/feedback.js';
import { hashUserId } from '../../src/curation/hashId.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../announce/helpers.js';
import { startFakeDiscord, waitFor, type Call, type FakeDiscord } from './fakeDiscord.js';
import { buttonPayload, modalSubmitPayload, slash, str, USER_ID } from './payloads.js';

const NOW = new Date('2018-03-20T09:00:00Z');
const responder = createResponder(loadOrThrow('test/fixtures/kb-minimal'), { clock: () => NOW });
const MESSAGE_ID = '1300000000000000777';
const OTHER_USER = '400000000000000009';

let fake: FakeDiscord;
let tmp: ReturnType<typeof tempDir>;
const running: { client: Client; store: AnnouncementStore }[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  await stopAll();
  tmp?.remove();
});

async function stopAll() {
  for (const r of running.splice(0)) {
    await r.client.destroy();
    await r.store.close();
  }
}

function startBot(dir: string, open: () => Promise<BotStore> = () => openCheckedSqliteStore(dir)) {
  const lines: string[] = [];
  const logger = createLogger('debug', (line) => lines.push(line));
  const store = new ResilientStore({ location: dir, open, logger });
  const { client } = createDiscordClient(
    { DISCORD_API_URL: fake.api },
    { responder, logger, clock: () => NOW, feedback: new Feedback({ store, logger }) },
    { rest: { retries: 0 } },
  );
  running.push({ client, store });
  return {
    store,
    logs: () => lines.join('\n'),
    /** Feeds a raw payload through the client's own handler; resolves with the interaction callback the fake received. */
    async send(raw: { id: string; token: string }): Promise<Call> {
      (client as any).actions.InteractionCreate.handle(raw);
      return waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/interactions/${raw.id}/${raw.token}/callback`));
    },
  };
}

/** The 👍/👎 buttons of an answer, by emoji. */
function voteButtons(call: Call): { up: any; down: any; row: any } {
  const row = call.body.data.components.find((r: any) => r.components.some((b: any) => b.custom_id.startsWith('sma:v:')));
  const [up, down] = row?.components ?? [];
  return { up, down, row };
}
const click = (button: any, row: any, userId = USER_ID, messageId = MESSAGE_ID) => buttonPayload(button.custom_id, { components: [row], messageId, userId });
const isEphemeral = (call: Call) => ((call.body.data.flags ?? 0) & 64) === 64;

describe('Discord 👍/👎', () => {
  it('an answer from the record gets a row of 👍/👎 naming its fact, after its suggestions; help gets none', async () => {
    tmp = tempDir();
    const bot = startBot(tmp.dir);
    const answer = await bot.send(slash('ask', [str('question', 'how big is usfk')]));
    const { up, down } = voteButtons(answer);
    expect(up).toMatchObject({ type: 2, style: 2, emoji: { name: '👍' }, label: 'Helpful' });
    expect(up.custom_id).toMatch(/^sma:v:u:f:[a-z0-9-]+$/);
    expect(down).toMatchObject({ emoji: { name: '👎' }, label: 'Not helpful', custom_id: up.custom_id.replace('sma:v:u:', 'sma:v:d:') });
    expect(answer.body.data.components.at(-1).components).toEqual([up, down]);
    expect(answer.body.data.components.length).toBeLessThanOrEqual(5);
    expect(voteButtons(await bot.send(slash('help'))).row).toBeUndefined();
  });

  it('a vote, the same again, a 👎 with a reason through the modal, a second person, then a click after a restart', async () => {
    tmp = tempDir();
    let bot = startBot(tmp.dir);
    const { up, down, row } = voteButtons(await bot.send(slash('ask', [str('question', 'how big is usfk')])));

    const first = await bot.send(click(up, row));
    expect(first.body).toMatchObject({ type: 4, data: { content: 'Thanks — recorded 👍.', allowed_mentions: { parse: [] } } });
    expect(isEphemeral(first)).toBe(true);
    expect((await bot.send(click(up, row))).body.data.content).toBe('You had already voted 👍 on this answer.');

    // 👎 answers with the modal (type 9) under the button's own id; nothing is recorded until it is sent.
    const modal = await bot.send(click(down, row));
    expect(modal.body).toMatchObject({ type: 9, data: { custom_id: down.custom_id, title: 'What was wrong?' } });
    expect(modal.body.data.components[0].components[0]).toMatchObject({ type: 4, custom_id: 'reason', style: 1, required: false, max_length: 200 });
    expect((await bot.store.votes(new Date(0))).map((v) => v.value)).toEqual(['up']);
    const sent = await bot.send(modalSubmitPayload(down.custom_id, { reason: 'Stale since Q3 @everyone' }, { messageId: MESSAGE_ID }));
    expect(sent.body.data.content).toBe('Thanks — your vote is changed to 👎 with your reason.');
    expect(isEphemeral(sent)).toBe(true);

    const second = await bot.send(click(up, row, OTHER_USER));
    expect(second.body.data.content).toBe('Thanks — recorded 👍.');

    const secret = await bot.store.curationSecret();
    const votes = await bot.store.votes(new Date(0));
    expect(votes.map((v) => [v.voter, v.value, v.reason])).toEqual([
      [hashUserId(secret, 'discord', USER_ID), 'down', 'Stale since Q3 @everyone'],
      [hashUserId(secret, 'discord', OTHER_USER), 'up', undefined],
    ]);
    expect(votes[0]).toMatchObject({
      answerKey: `discord:${MESSAGE_ID}`,
      platform: 'discord',
      answer: { intent: 'fact', factId: up.custom_id.slice('sma:v:u:f:'.length), language: 'en' },
    });
    expect(JSON.stringify(votes)).not.toContain(USER_ID);
    expect(bot.logs()).not.toContain('Stale since');

    // A new client and a new store over the same file: the old message's 👍 still counts, once.
    await stopAll();
    bot = startBot(tmp.dir);
    expect((await bot.send(click(up, row))).body.data.content).toBe('Thanks — your vote is changed to 👍.');
    expect((await bot.store.votes(new Date(0))).map((v) => [v.voter, v.value])).toEqual([
      [hashUserId(secret, 'discord', OTHER_USER), 'up'],
      [hashUserId(secret, 'discord', USER_ID), 'up'],
    ]);
    // Another message is another answer.
    expect((await bot.send(click(up, row, USER_ID, '1300000000000000778'))).body.data.content).toBe('Thanks — recorded 👍.');
  });

  it('a Korean client is thanked in Korean; a damaged id gets a note and records nothing', async () => {
    tmp = tempDir();
    const bot = startBot(tmp.dir);
    const { up, row } = voteButtons(await bot.send(slash('ask', [str('question', '주한미군 규모는?')])));
    expect(up).toMatchObject({ label: '도움이 됐어요' });
    expect(up.custom_id).toMatch(/^sma:v:u:ko:f:/);
    expect((await bot.send(click(up, row))).body.data.content).toBe('감사합니다. 👍 평가를 기록했습니다.');
    const damaged = await bot.send(buttonPayload('sma:v:u:r:{"i":"rounds","a":1000}', { messageId: MESSAGE_ID }));
    expect(damaged.body.data.content).toBe('I could not tell which answer that vote was for. Please ask again and vote on the new answer.');
    expect(await bot.store.votes(new Date(0))).toHaveLength(1);
  });

  it('a store that cannot be used: a polite "try again", the reason shown back without pings, no crash', async () => {
    tmp = tempDir();
    const bot = startBot(tmp.dir, async () => {
      throw new StoreUnavailableError(tmp.dir, 'the disk is full (SQLITE_FULL: test)');
    });
    const { up, down, row } = voteButtons(await bot.send(slash('ask', [str('question', 'how big is usfk')])));
    expect((await bot.send(click(up, row))).body.data.content).toBe('Sorry, I could not record your vote just now. Please try again in a moment.');
    expect((await bot.send(click(down, row))).body.type).toBe(9);
    const sent = await bot.send(modalSubmitPayload(down.custom_id, { reason: 'Stale\nsince Q3 @everyone' }, { messageId: MESSAGE_ID }));
    expect(sent.body.data.content).toBe('Sorry, I could not record your vote just now. Please try again in a moment.\nWhat you wrote: Stale since Q3 @\u200beveryone');
    expect(sent.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(isEphemeral(sent)).toBe(true);
  });
});
