/**
 * `/sma-admin report` on the real discord.js stack, fed raw gateway interactions, REST on the
 * loopback fake: a question asked with `/sma ask` (through the conversation service, logged into a
 * real SQLite file) is in the report, which comes privately within a message's 2,000 characters,
 * pinging no one; a store that cannot be read gets a notice instead.
 */
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import { StoreUnavailableError } from '../../src/announce/store.js';
import { ConversationService } from '../../src/conversation/service.js';
import { reportProvider, type ReportProvider } from '../../src/curation/chatReport.js';
import { QuestionLog } from '../../src/curation/questionLog.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../announce/helpers.js';
import { startFakeDiscord, waitFor, type FakeDiscord } from './fakeDiscord.js';
import { APP_ID, slash, str } from './payloads.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const kb = recordKnowledge();
const tmp = tempDir('sma-discord-report-');
let fake: FakeDiscord;
let store: SqliteStore;
let log: QuestionLog;
const clients: Client[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
  store = openSqliteStore(join(tmp.dir, 'data'));
  log = new QuestionLog({ store, keepQuestions: true, secret: 'a-curation-secret-of-at-least-32-characters' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await fake.close();
  await store.close();
  tmp.remove();
});

function bot(report: ReportProvider) {
  const responder = recordResponder(new Date('2026-01-24T12:00:00Z'));
  const { client } = createDiscordClient(
    { DISCORD_API_URL: fake.api },
    { responder, logger: createLogger('error', () => {}), conversations: new ConversationService(responder, { questionLog: log }), report },
    { rest: { retries: 0 } },
  );
  clients.push(client);
  return async (raw: ReturnType<typeof slash>) => {
    (client as any).actions.InteractionCreate.handle(raw);
    return waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/interactions/${raw.id}/${raw.token}/callback`));
  };
}

const edited = (raw: ReturnType<typeof slash>) => waitFor(() => fake.calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${raw.token}/messages/@original`));

describe('/sma-admin report in Discord', () => {
  it('answers privately with the report, what /sma ask could not answer in it, within 2,000 characters', async () => {
    const send = bot(reportProvider({ questions: store, deliveries: store }, { retentionDays: 90, questionLog: true, knowledge: () => kb }));
    await send(slash('ask', [str('question', 'what is the weather in busan today @everyone')]));
    await send(slash('ask', [str('question', 'troops')]));
    await log.flush();

    const raw = slash('report', [], { command: 'sma-admin' });
    expect((await send(raw)).body).toEqual({ type: 5, data: { flags: 64 } });
    const reply = (await edited(raw)).body;
    expect(reply.content).toContain('Top unanswered (I don\'t know, the record lacks):\n  1× "what is the weather in busan today @\u200beveryone"');
    expect(reply.content).toContain('Top clarified ("did you mean"):\n  1× "troops"');
    expect(reply.content).toContain('Announcement deliveries:');
    expect(reply.content.length).toBeLessThanOrEqual(2000);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('a store that cannot be read: a notice saying so, privately', async () => {
    const down: ReportProvider = async () => {
      throw new StoreUnavailableError('/data/sma-bot.sqlite', 'the disk is full');
    };
    const raw = slash('report', [], { command: 'sma-admin' });
    expect((await bot(down)(raw)).body).toEqual({ type: 5, data: { flags: 64 } });
    expect((await edited(raw)).body.content).toBe(
      'The report cannot be read now: the bot cannot use its store (/data/sma-bot.sqlite: the disk is full). Questions are still answered.',
    );
  });
});
