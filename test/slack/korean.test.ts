/**
 * Korean in Slack, end to end: the real core and record, the Slack app over signed loopback HTTP,
 * the answer-language choices and subscriptions in a real SQLite store. Korean questions and
 * Korean buttons, a Korean follow-up in a thread, `/sma language` kept across a restart, a store
 * that cannot save the choice, and a Korean subscription's announcement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deliverer } from '../../src/announce/delivery.js';
import { diff } from '../../src/announce/events.js';
import { openAnnouncements, type AnnouncementState } from '../../src/announce/runtime.js';
import { snapshotOf } from '../../src/announce/snapshot.js';
import { StoreUnavailableError } from '../../src/announce/store.js';
import { allChannels } from '../../src/announce/subscriptions.js';
import type { Responder } from '../../src/core/answer.js';
import { createAnnouncementClient, createSlackPoster } from '../../src/slack/announce.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { tempDir } from '../announce/helpers.js';
import { BOT_TOKEN, buttonsOf, captureLogger, contextTexts, sectionTexts, SIGNING_SECRET, slackSignature, startFakeSlack, waitFor, type FakeSlack } from './helpers.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const NOW = new Date('2025-03-01T09:00:00Z');
const knowledge = recordKnowledge();
const responder: Responder = recordResponder(NOW);
const HANGUL = /\p{Script=Hangul}/u;
const logger = captureLogger().logger;

let fake: FakeSlack;
let tmp: ReturnType<typeof tempDir>;
let state: AnnouncementState;
let slack: SlackHandle;
let n = 0;

const config = () => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 });
const openState = (open?: () => Promise<never>) =>
  openAnnouncements({ DATA_DIR: tmp.dir, ANNOUNCE_SLACK_CHANNELS: [], ANNOUNCE_DISCORD_CHANNELS: [] }, { logger, ...(open ? { open, location: 'test-store' } : {}) });
const start = (s: AnnouncementState) =>
  startSlack(config(), { responder, logger, clock: () => NOW, subscriptions: s.subscriptions, languages: s.languages }, { host: '127.0.0.1', retryConfig: { retries: 0 } });

async function send(app: SlackHandle, raw: string, contentType: string) {
  await fetch(`http://127.0.0.1:${app.port}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignature(SIGNING_SECRET, raw) }, body: raw });
}

/** `/sma <text>` as user/channel; resolves with what went to the response_url (`noReply`: once acknowledged). */
async function command(text: string, o: { user?: string; channel?: string; app?: SlackHandle; noReply?: boolean } = {}) {
  const id = `ko-${++n}`;
  // A channel of its own unless given: asking the same question twice in one conversation is a follow-up.
  const raw = new URLSearchParams({
    command: '/sma',
    text,
    team_id: 'T1',
    channel_id: o.channel ?? `C0KO${n}`,
    user_id: o.user ?? 'U0MINJI',
    api_app_id: 'A1',
    trigger_id: 't',
    response_url: `${fake.url}/response/${id}`,
  }).toString();
  await send(o.app ?? slack, raw, 'application/x-www-form-urlencoded');
  if (o.noReply) return undefined;
  return (await waitFor(() => fake.responses.find((r) => r.id === id))).body;
}

/** A click on `button` under an ephemeral answer; resolves with the reply. */
async function click(button: { action_id: string; value: string }, user = 'U0MINJI') {
  const id = `ko-${++n}`;
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'x' },
    user: { id: user, username: 'minji' },
    api_app_id: 'A1',
    token: 't',
    trigger_id: 't',
    container: { type: 'message', message_ts: '7.1', channel_id: 'C0KO1', is_ephemeral: true },
    channel: { id: 'C0KO1', name: 'x' },
    response_url: `${fake.url}/response/${id}`,
    actions: [{ ...button, block_id: 'sma_actions', action_ts: '7.2' }],
  };
  await send(slack, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  return (await waitFor(() => fake.responses.find((r) => r.id === id))).body;
}

/** A mention in a thread; resolves with the bot's post. */
async function mention(text: string, threadTs: string, ts: string) {
  const event = { type: 'app_mention', user: 'U0MINJI', text: `<@UBOT> ${text}`, ts, thread_ts: threadTs, channel: 'C0THREAD', event_ts: ts };
  await send(slack, JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `Ev${ts.replace('.', '')}`, event_time: 1, event }), 'application/json');
  return (
    await waitFor(() =>
      fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0THREAD' && c.body.thread_ts === threadTs && !seenPosts.has(c) && seenPosts.add(c)),
    )
  ).body;
}
const seenPosts = new Set<unknown>();

beforeAll(async () => {
  fake = await startFakeSlack();
  tmp = tempDir('sma-slack-ko-');
  state = openState();
  slack = await start(state);
});

afterAll(async () => {
  await slack?.stop();
  await state?.store.close();
  await fake?.close();
  tmp?.remove();
});

describe('Korean in Slack', () => {
  it('a Korean question is answered in Korean: Korean dates and sources, a Korean share button, buttons that ask in Korean', async () => {
    const body = await command('올해 방위비 분담금은 얼마야?');
    const [heading] = sectionTexts(body);
    expect(heading).toMatch(/^\*2025년 한국의 방위비 분담금\*\n.*1조 4,028억 원/);
    // Cited as the answer view cites in Korean: the publisher, the title linked, the date.
    expect(contextTexts(body)[0]).toMatch(/^출처: 코리아타임스, "<https:[^|]+\|[^>]+>"\(2024년 10월 4일\), .* · 20\d\d년( \d+월)?( \d+일)? 기준$/);
    const buttons = buttonsOf(body);
    expect(buttons.find((b) => b.action_id === 'sma_share').text.text).toBe('채널에 공유');
    const asks = buttons.filter((b) => b.action_id.startsWith('sma_ask_'));
    expect(asks.length).toBeGreaterThan(0);
    for (const b of asks) {
      expect(b.text.text).toMatch(HANGUL);
      expect(b.value).toMatch(/^ko:/);
    }
  });

  it('a Korean button (a request with no words) answers in Korean, also a fact button', async () => {
    const body = await command('올해 방위비 분담금은 얼마야?');
    const agreement = buttonsOf(body).find((b) => b.value === 'ko:r:{"i":"agreement"}');
    expect(agreement).toBeDefined();
    const reply = await click(agreement);
    expect(sectionTexts(reply)[0]).toMatch(HANGUL);
    expect(sectionTexts(reply)[0]).toMatch(/SMA/);

    // A fact button (a related question under a Korean answer) carries the fact and the language.
    const troops = await command('주한미군 몇 명임');
    const fact = buttonsOf(troops).find((b) => b.value.startsWith('ko:f:'));
    expect(fact).toBeDefined();
    const answered = await click(fact);
    // The fact's question travels as the record's English one; the answer is still the Korean text.
    const factId = fact.value.slice('ko:f:'.length);
    const koAnswer = knowledge.facts.find((f) => f.id === factId)!.ko!.answer;
    expect(sectionTexts(answered).join('\n')).toContain(koAnswer.slice(0, 20));
  });

  it('a Korean follow-up in a thread ("2020년은?") stays on the subject and in Korean', async () => {
    const first = await mention('올해 방위비 분담금은 얼마야?', '50.1', '50.1');
    expect(sectionTexts(first)[0]).toMatch(/2025년 한국의 방위비 분담금/);
    const next = await mention('2020년은?', '50.1', '50.2');
    expect(sectionTexts(next)[0]).toMatch(/2020년/);
    expect(sectionTexts(next)[0]).toMatch(/원/);
    expect(sectionTexts(next).join('\n')).not.toMatch(/contribution/i);
  });

  it('an English question stays English until `/sma language ko`; the choice survives a restart; `auto` undoes it', async () => {
    const user = 'U0JUNHO';
    expect(sectionTexts(await command('How much does Korea pay this year?', { user }))[0]).toMatch(/^\*Korea's SMA contribution in 2025\*/);
    const saved = await command('language ko', { user });
    expect(sectionTexts(saved)[0]).toContain('한국어로 답합니다');
    expect(sectionTexts(await command('How much does Korea pay this year?', { user }))[0]).toMatch(/^\*2025년 한국의 방위비 분담금\*/);
    // Subcommands, which carry no words, follow the choice too; others in the channel are not affected.
    expect(sectionTexts(await command('next-round', { user }))[0]).toMatch(HANGUL);
    expect(sectionTexts(await command('How much does Korea pay this year?', { user: 'U0OTHER' }))[0]).toMatch(/^\*Korea's/);

    // A restart: a new app and a new store connection on the same file.
    await slack.stop();
    await state.store.close();
    state = openState();
    slack = await start(state);
    expect(sectionTexts(await command('How much does Korea pay this year?', { user }))[0]).toMatch(/^\*2025년 한국의 방위비 분담금\*/);
    const current = await command('language', { user });
    expect(sectionTexts(current)[0]).toMatch(/^내 답변 언어: 한국어/);

    // Said in the language the user had chosen, which is the one they read.
    expect(sectionTexts(await command('language auto', { user }))[0]).toBe('다시 질문한 언어(한국어 또는 영어)로 답합니다.');
    expect(sectionTexts(await command('How much does Korea pay this year?', { user }))[0]).toMatch(/^\*Korea's/);
  });

  it("a channel's language is posted in the channel and applies to everyone there; a user's own choice wins over it", async () => {
    const channel = 'C0CHAN1';
    const set = await command('language ko channel', { channel, user: 'U0ADMIN' });
    expect(set.response_type).toBe('in_channel');
    expect(sectionTexts(set)[0]).toBe('<@U0ADMIN> 님이 이 채널의 답변 언어를 한국어로 정했습니다. 되돌리려면 `/sma language auto channel`.');
    expect(sectionTexts(await command('When is the next round?', { channel, user: 'U0SOMEONE' }))[0]).toMatch(HANGUL);
    await command('language en', { channel, user: 'U0ENGLISH' });
    expect(sectionTexts(await command('다음 회의는 언제야?', { channel, user: 'U0ENGLISH' }))[0]).toMatch(/^\*When is the next round/);
  });

  it('`/sma subscribe ko`: a Korean subscription, announced in Korean; its announcements are written in Korean, an English one gets English', async () => {
    // The public note in the channel is the whole answer (nothing comes back privately).
    await command('subscribe ko', { channel: 'C0KONEWS', noReply: true });
    const note = await waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0KONEWS'));
    expect(note.body.text).toMatch(/^<@U0MINJI> 님이 이 채널에서 SMA 협상 소식 알림\(한국어\)을 구독했습니다/);
    await command('subscribe', { channel: 'C0ENNEWS', user: 'U0OTHER', noReply: true });
    await waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0ENNEWS'));
    expect(sectionTexts(await command('subscriptions'))[0]).toMatch(/<#C0KONEWS> \(Korean\)/);

    // The last round of the 12th SMA talks, as if the curator had just recorded it.
    const last = knowledge.rounds.filter((r) => r.agreement === 'sma-12').at(-1)!;
    const before = snapshotOf({ ...knowledge, rounds: knowledge.rounds.filter((r) => r !== last) });
    const at = new Date(Date.parse(`${last.end ?? last.start}T12:00:00Z`) + 86_400_000);
    const events = diff(before, knowledge, { now: at, revision: 2 });
    expect(events.map((e) => e.kind)).toEqual(['round-held']);
    const store = state.store;
    await store.commit(0, before, [], [], at.getTime());
    await store.commit(1, snapshotOf(knowledge), events, await allChannels(store, []), at.getTime());
    const poster = createSlackPoster(createAnnouncementClient(config(), logger), { logger, perChannelIntervalMs: 0 });
    await new Deliverer(store, { slack: poster }, { logger }).drain();

    const posted = (channel: string) => fake.messages.find((m) => m.channel === channel && m.metadata?.event_type === 'sma_announcement');
    const korean = posted('C0KONEWS')!;
    expect(korean.blocks![0].text.text).toMatch(/^\*\[개최\] 제12차 SMA 협상 \d+차 회의: 2024년 \d+월 \d+일~\d+일, 서울\*\n/);
    expect(korean.blocks![0].text.text).toContain(last.ko!.summary!.slice(0, 15));
    expect(korean.blocks![1].elements[0].text).toMatch(/^출처: .*\(20\d\d년 \d+월 \d+일\)$/);
    expect(posted('C0ENNEWS')!.text).toMatch(/^Held: Round \d+ of the 12th SMA talks: September/);
  });

  it('a store that cannot be used: the choice is not saved, and says so; answers follow the question', async () => {
    const broken = openState(async () => {
      throw new StoreUnavailableError('test-store', 'the disk is full');
    });
    const app = await start(broken);
    try {
      const reply = await command('language ko', { app, user: 'U0PAUSED' });
      expect(sectionTexts(reply)[0]).toMatch(/^설정을 저장하지 못했습니다. .*test-store: the disk is full.*질문한 언어로 답합니다/);
      expect(sectionTexts(await command('How much does Korea pay this year?', { app, user: 'U0PAUSED' }))[0]).toMatch(/^\*Korea's/);
      expect(sectionTexts(await command('올해 방위비 분담금은 얼마야?', { app, user: 'U0PAUSED' }))[0]).toMatch(/^\*2025년/);
    } finally {
      await app.stop();
      await broken.store.close();
    }
  });

  it('help in Korean for a Korean user: the command list from the catalogue', async () => {
    const body = await command('help', { user: 'U0JIWOO' });
    expect(sectionTexts(body)[0]).toMatch(/^I answer questions/); // no choice yet: English
    await command('language ko', { user: 'U0JIWOO' });
    const korean = await command('help', { user: 'U0JIWOO' });
    const all = sectionTexts(korean).join('\n');
    expect(all).toMatch(/^한미 방위비분담특별협정/);
    expect(all).toContain('*명령어*');
    expect(all).toContain('`/sma language` 답변 언어');
    expect(contextTexts(korean)[0]).toMatch(/^채널에서 저를 멘션하면/);
  });
});
