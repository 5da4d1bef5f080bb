/**
 * Korean in Discord, end to end: discord.js fed raw interaction payloads, REST on the loopback
 * fake, the real core and record, the answer-language choices and subscriptions in a real SQLite
 * store. Korean questions and buttons, a Korean follow-up, the `ko` client locale, `/sma
 * language` kept across a restart, Korean autocomplete, and a Korean subscription's announcement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { Deliverer } from '../../src/announce/delivery.js';
import { diff } from '../../src/announce/events.js';
import { openAnnouncements, type AnnouncementState } from '../../src/announce/runtime.js';
import { snapshotOf } from '../../src/announce/snapshot.js';
import { allChannels } from '../../src/announce/subscriptions.js';
import { createDiscordClient, createDiscordPoster } from '../../src/discord/index.js';
import { silentLogger } from '../../src/log.js';
import { tempDir } from '../announce/helpers.js';
import { startFakeDiscord, waitFor, type Call, type FakeDiscord } from './fakeDiscord.js';
import { APP_ID, autocomplete, buttonPayload, GUILD_ID, slash, str } from './payloads.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const NOW = new Date('2025-03-01T09:00:00Z');
const knowledge = recordKnowledge();
const responder = recordResponder(NOW);
const HANGUL = /\p{Script=Hangul}/u;

let fake: FakeDiscord;
let tmp: ReturnType<typeof tempDir>;
let state: AnnouncementState;
let client: Client;
const clients: Client[] = [];
let channelSeq = 0;

const openState = () => openAnnouncements({ DATA_DIR: tmp.dir, ANNOUNCE_SLACK_CHANNELS: [], ANNOUNCE_DISCORD_CHANNELS: [] }, { logger: silentLogger });
function newClient(s: AnnouncementState): Client {
  const created = createDiscordClient(
    { DISCORD_API_URL: fake.api },
    { responder, logger: silentLogger, clock: () => NOW, subscriptions: s.subscriptions, languages: s.languages, knowledge: () => knowledge },
    { rest: { retries: 0 } },
  ).client;
  clients.push(created);
  return created;
}

/** Feeds the payload to the client; resolves with the reply's data (a deferred reply: its edit). */
async function send(raw: { id: string; token: string }): Promise<any> {
  (client as any).actions.InteractionCreate.handle(raw);
  const callback: Call = await waitFor(() => fake.calls.find((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`));
  if (callback.body.type !== 5) return callback.body.type === 8 ? callback.body.data : { ...callback.body.data, type: callback.body.type };
  const edit = await waitFor(() => fake.calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${raw.token}/messages/@original`));
  return { ...edit.body, deferredFlags: callback.body.data?.flags };
}

/** A fresh channel per conversation unless given (asking the same thing twice in one is a follow-up). */
const channel = () => `3000000000000001${String(++channelSeq).padStart(2, '0')}`;
const ask = (question: string, o: { locale?: string; userId?: string; channelId?: string } = {}) => send(slash('ask', [str('question', question)], { channelId: channel(), ...o }));
const buttonsOf = (data: any): any[] => (data.components ?? []).flatMap((row: any) => row.components);

beforeAll(async () => {
  fake = await startFakeDiscord();
  tmp = tempDir('sma-discord-ko-');
  state = openState();
  client = newClient(state);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await state?.store.close();
  await fake?.close();
  tmp?.remove();
});

describe('Korean in Discord', () => {
  it('a Korean question is answered in Korean: title, Korean dates in the sources and the footer, Korean buttons that ask in Korean', async () => {
    const data = await ask('올해 방위비 분담금은 얼마야?');
    const [embed] = data.embeds;
    expect(embed.title).toBe('2025년 한국의 방위비 분담금');
    expect(embed.description).toContain('1조 4,028억 원');
    // The answer view: the sources in their field, cited in Korean; the footer says as of when.
    expect(embed.footer.text).toMatch(/^20\d\d년( \d+월)?( \d+일)? 기준$/);
    expect(embed.fields[0]).toMatchObject({ name: '출처', value: expect.stringMatching(/^코리아타임스, .*\(2024년 10월 4일\)/) });
    const buttons = buttonsOf(data);
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) {
      expect(b.label).toMatch(HANGUL);
      expect(b.custom_id).toMatch(/^sma:ko:/);
    }
  });

  it('clicking a Korean button (a request, no words) answers in Korean', async () => {
    const data = await send(buttonPayload('sma:ko:r:{"i":"next-round"}', { label: '다음 회의는 언제인가요?', channelId: channel() }));
    expect(data.embeds[0].title).toBe('다음 회의는 언제인가요?');
    expect(data.embeds[0].description).toMatch(/^2025년 3월 1일 현재/);
    // The same button without the mark, from an English answer, answers in English.
    const english = await send(buttonPayload('sma:r:{"i":"next-round"}', { channelId: channel() }));
    expect(english.embeds[0].description).toMatch(/^As of March 1, 2025/);
  });

  it('a Korean follow-up ("2020년은?") after a Korean answer stays on the subject, in Korean', async () => {
    const channelId = channel();
    await ask('올해 방위비 분담금은 얼마야?', { channelId });
    const next = await ask('2020년은?', { channelId });
    expect(next.embeds[0].title).toBe('2020년 한국의 방위비 분담금');
    expect(next.embeds[0].description).toMatch(/2020년 한국의 방위비 분담금은 .*원/);
  });

  it('the Discord client in Korean (locale ko): subcommands and wordless questions in Korean; a question in English stays English', async () => {
    const korean = await send(slash('next-round', [], { locale: 'ko', channelId: channel() }));
    expect(korean.embeds[0].title).toBe('다음 회의는 언제인가요?');
    const help = await send(slash('help', [], { locale: 'ko', channelId: channel() }));
    expect(help.embeds[0].fields.at(-1)).toMatchObject({ name: '명령어', value: expect.stringContaining('`/sma language [language] [scope]` 나(또는 이 채널)에게 답하는 언어') });
    const english = await ask('How much does Korea pay this year?', { locale: 'ko' });
    expect(english.embeds[0].title).toBe("Korea's SMA contribution in 2025");
    const american = await send(slash('next-round', [], { locale: 'en-US', channelId: channel() }));
    expect(american.embeds[0].title).toMatch(/^When is the next round/);
  });

  it('/sma language language:ko answers privately in Korean, then English questions are answered in Korean, also after a restart', async () => {
    const userId = '400000000000000077';
    const saved = await send(slash('language', [str('language', 'ko')], { userId }));
    expect(saved.deferredFlags).toBe(64); // only the asker sees it
    expect(saved.content).toMatch(/^이제부터 어떤 언어로 질문하셔도 한국어로 답합니다/);
    expect((await ask('How much does Korea pay this year?', { userId })).embeds[0].title).toBe('2025년 한국의 방위비 분담금');

    await client.destroy();
    await state.store.close();
    state = openState();
    client = newClient(state);
    expect((await ask('How much does Korea pay this year?', { userId })).embeds[0].title).toBe('2025년 한국의 방위비 분담금');
    const shown = await send(slash('language', [], { userId }));
    expect(shown.content).toMatch(/^내 답변 언어: 한국어\. 이 채널: 없음\./);
    await send(slash('language', [str('language', 'auto')], { userId }));
    expect((await ask('How much does Korea pay this year?', { userId })).embeds[0].title).toBe("Korea's SMA contribution in 2025");
  });

  it('autocomplete in Korean offers the Korean questions', async () => {
    const choices = (await send(autocomplete('분담금'))).choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => HANGUL.test(c.name))).toBe(true);
  });

  it('/sma-admin subscribe language:ko: a Korean subscription, and its announcement is written in Korean', async () => {
    const koChannel = '300000000000000201';
    const enChannel = '300000000000000202';
    // The reply is in the admin's language (an English client here), the announcements in Korean.
    const subscribed = await send(slash('subscribe', [str('language', 'ko')], { command: 'sma-admin', channelId: koChannel }));
    expect(subscribed.content).toMatch(/^This channel will now receive SMA round updates in Korean:/);
    const english = await send(slash('subscribe', [], { command: 'sma-admin', channelId: enChannel }));
    expect(english.content).toMatch(/^This channel will now receive SMA round updates:/);
    const again = await send(slash('subscribe', [str('language', 'en')], { command: 'sma-admin', channelId: koChannel, locale: 'ko' }));
    expect(again.content).toBe('이제 이 채널의 SMA 협상 소식 알림은 영어로 옵니다.');
    const back = await send(slash('subscribe', [str('language', 'ko')], { command: 'sma-admin', channelId: koChannel, locale: 'ko' }));
    expect(back.content).toBe('이제 이 채널의 SMA 협상 소식 알림은 한국어로 옵니다.');
    expect((await state.subscriptions.list('discord', GUILD_ID)).map((c) => [c.channelId, c.language])).toEqual([
      [koChannel, 'ko'],
      [enChannel, 'en'],
    ]);

    const last = knowledge.rounds.filter((r) => r.agreement === 'sma-12').at(-1)!;
    const before = snapshotOf({ ...knowledge, rounds: knowledge.rounds.filter((r) => r !== last) });
    const at = new Date(Date.parse(`${last.end ?? last.start}T12:00:00Z`) + 86_400_000);
    const store = state.store;
    await store.commit(0, before, [], [], at.getTime());
    await store.commit(1, snapshotOf(knowledge), diff(before, knowledge, { now: at, revision: 2 }), await allChannels(store, []), at.getTime());
    client.rest.setToken('fake-bot-token');
    await new Deliverer(store, { discord: createDiscordPoster(client, { logger: silentLogger }) }, { logger: silentLogger }).drain();

    const posted = (channelId: string) => fake.messages.find((m) => m.channelId === channelId)!.body.embeds[0];
    const ko = posted(koChannel);
    expect(ko.title).toMatch(/^\[개최\] 제12차 SMA 협상 \d+차 회의: 2024년 9월 \d+일~\d+일, 서울$/);
    expect(ko.description).toContain(last.ko!.summary!.slice(0, 15));
    // The source cited as answers cite theirs (main's view), in Korean.
    expect(ko.fields[0]).toMatchObject({ name: '출처', value: expect.stringMatching(/\(20\d\d년 \d+월 \d+일\)$/) });
    expect(posted(enChannel).title).toMatch(/^Held: Round \d+ of the 12th SMA talks: September/);
  });
});
