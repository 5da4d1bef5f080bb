/**
 * End to end, the way `npm start` wires it (src/announce/runtime.ts): the real Bolt app over
 * loopback HTTP and a real discord.js client, both against loopback fakes of their platforms;
 * the real core answering from a temporary copy of the fixture knowledge; the SQLite store in a
 * temporary DATA_DIR. Channels are subscribed through the real commands, the curator edits
 * rounds.yaml, and the tests count what each fake platform received: exactly one message per
 * (event, channel), through restarts, invalid edits, 429s, 500s, a crash mid-post and a reminder.
 *
 * The bot's clock is real time shifted to 20 April 2018 (the fixture record's present), so the
 * outbox's timers run normally and a test can jump to the day before a round.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { shortKey, type Poster } from '../../src/announce/delivery.js';
import { openAnnouncements, startAnnouncements, type AnnouncementState, type RunningAnnouncements } from '../../src/announce/runtime.js';
import type { SqliteStore } from '../../src/announce/sqliteStore.js';
import type { Platform } from '../../src/announce/store.js';
import { createLiveResponder, type LiveResponder } from '../../src/core/liveResponder.js';
import { createDiscordClient, createDiscordPoster } from '../../src/discord/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { ANNOUNCEMENT_EVENT_TYPE, createAnnouncementClient, createSlackPoster } from '../../src/slack/announce.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/fakeDiscord.js';
import { APP_ID, slash } from '../discord/payloads.js';
import { BOT_TOKEN, SIGNING_SECRET, slackSignature, startFakeSlack, type FakeSlack } from '../slack/helpers.js';
import { captureLogger, copyFixture, tempDir, type Captured } from './helpers.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789';
const SLACK_FIXED = 'CFIXED01';
const SLACK_SUB = 'CSUB0001';
const DISCORD_FIXED = '300000000000000009';
const DISCORD_TEXT = '300000000000000003'; // payloads' CHANNEL_ID
const DISCORD_NEWS = '300000000000000005'; // an announcement channel (type 5)
const SLACK_CHANNELS = [SLACK_FIXED, SLACK_SUB];
const DISCORD_CHANNELS = [DISCORD_FIXED, DISCORD_TEXT, DISCORD_NEWS];

/** Real time, shifted: `set` moves "now" and time keeps running from there. */
const clock = (() => {
  let offset = 0;
  return { date: () => new Date(Date.now() + offset), set: (iso: string) => void (offset = Date.parse(iso) - Date.now()) };
})();

let fakeSlack: FakeSlack;
let fakeDiscord: FakeDiscord;
let tmp: ReturnType<typeof tempDir>;
let knowledgeDir: string;
let dataDir: string;

interface Bot {
  responder: LiveResponder;
  state: AnnouncementState;
  store: SqliteStore;
  slack: SlackHandle;
  discord: Client;
  announcements: RunningAnnouncements;
  log: Captured;
  stop(): Promise<void>;
}

/** One run of the bot: what `npm start` builds, pointed at the fakes. `wrap` lets a test intercept posts. */
async function boot(wrap: (p: Poster) => Poster = (p) => p): Promise<Bot> {
  const log = captureLogger();
  const loaded = loadKnowledge(knowledgeDir);
  if (!loaded.ok) throw new Error('knowledge does not load');
  const responder = createLiveResponder(loaded.knowledge, { clock: () => clock.date() });
  const state = openAnnouncements({ DATA_DIR: dataDir, ANNOUNCE_SLACK_CHANNELS: [SLACK_FIXED], ANNOUNCE_DISCORD_CHANNELS: [DISCORD_FIXED] }, { logger: log.logger });
  const slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fakeSlack.apiUrl, PORT: 0 },
    { responder, logger: log.logger, subscriptions: state.subscriptions },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );
  const { client: discord } = createDiscordClient(
    { DISCORD_API_URL: fakeDiscord.api },
    { responder, logger: log.logger, subscriptions: state.subscriptions },
    { rest: { retries: 0 } },
  );
  discord.rest.setToken(TOKEN);
  const posters: Partial<Record<Platform, Poster>> = {
    slack: wrap(
      createSlackPoster(createAnnouncementClient({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fakeSlack.apiUrl }, log.logger), { logger: log.logger, perChannelIntervalMs: 0 }),
    ),
    discord: wrap(createDiscordPoster(discord, { logger: log.logger })),
  };
  const announcements = await startAnnouncements({
    state,
    knowledgeDir,
    responder,
    posters,
    logger: log.logger,
    reminderHours: 24,
    now: clock.date,
    delivery: { baseDelayMs: 20, staleMs: 400, pollMs: 50 },
    debounceMs: 50,
    reminderIntervalMs: 20,
    sighup: false,
  });
  return {
    responder,
    state,
    store: state.store.inner() as SqliteStore,
    slack,
    discord,
    announcements,
    log,
    async stop() {
      await announcements.stop();
      await slack.stop();
      await discord.destroy();
      state.store.close();
    },
  };
}

let bot: Bot;

const until = async (what: string, fn: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** Long enough for several delivery polls (every 50 ms) to find anything left to post. */
const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Announcement messages each fake received, as "event id > channel". */
const slackPosts = () => fakeSlack.messages.filter((m) => m.metadata?.event_type === ANNOUNCEMENT_EVENT_TYPE).map((m) => `${String(m.metadata!.event_payload.event)}>${m.channel}`);
const discordPostsOf = (eventId: string) =>
  fakeDiscord.messages.filter((m) => DISCORD_CHANNELS.some((c) => m.channelId === c && m.nonce === shortKey(`${eventId}|discord|${c}`))).map((m) => `${eventId}>${m.channelId}`);

const eventIds = (): string[] => (bot.store.db.prepare('SELECT id FROM events ORDER BY created_at, id').all() as { id: string }[]).map((r) => r.id);
const latestEvent = () => eventIds().at(-1)!;
const outboxDone = () => {
  const c = bot.store.countsSync();
  return c.pending + c.sending === 0;
};

/** Exactly one message per channel on each platform for this event, and no other message for it. */
function expectDeliveredOnce(eventId: string, slackChannels = SLACK_CHANNELS, discordChannels = DISCORD_CHANNELS) {
  expect(
    slackPosts()
      .filter((p) => p.startsWith(`${eventId}>`))
      .sort(),
  ).toEqual(slackChannels.map((c) => `${eventId}>${c}`).sort());
  expect(discordPostsOf(eventId).sort()).toEqual(discordChannels.map((c) => `${eventId}>${c}`).sort());
}

const rounds = () => join(knowledgeDir, 'rounds.yaml');
/** rounds.yaml as shipped with the fixture. */
let baseRounds: string;
/** rounds.yaml as shipped plus round 3 of the 10th SMA talks with these fields. */
const writeRound3 = (fields: Record<string, string>) =>
  writeFileSync(
    rounds(),
    `${baseRounds}  - id: sma10-r3\n    agreement: sma-10\n    round: 3\n${Object.entries({
      start: '2018-05-14',
      end: '2018-05-15',
      place: 'Washington',
      status: 'scheduled',
      ...fields,
    })
      .map(([k, v]) => `    ${k}: ${v}\n`)
      .join('')}    sources: [kbs-2018-04-08]\n`,
  );

async function slackCommand(text: string, channel: string, id: string) {
  const raw = new URLSearchParams({
    command: '/sma',
    text,
    team_id: 'T1',
    channel_id: channel,
    user_id: 'U0CURATOR',
    api_app_id: 'A1',
    trigger_id: 't',
    response_url: `${fakeSlack.url}/response/${id}`,
  }).toString();
  const res = await fetch(`http://127.0.0.1:${bot.slack.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, raw) },
    body: raw,
  });
  expect(res.status).toBe(200);
}

async function discordAdmin(sub: string, channelId: string, channelType = 0) {
  const base = slash(sub, [], { command: 'sma-admin' });
  const raw = { ...base, channel_id: channelId, channel: { ...base.channel, id: channelId, type: channelType } };
  (bot.discord as any).actions.InteractionCreate.handle(raw);
  const edit = `/webhooks/${APP_ID}/${raw.token}/messages/@original`;
  await until(`/sma-admin ${sub} reply`, () => fakeDiscord.calls.some((c) => c.method === 'PATCH' && c.path === edit));
  return fakeDiscord.calls.find((c) => c.method === 'PATCH' && c.path === edit)!.body;
}

beforeAll(async () => {
  fakeSlack = await startFakeSlack();
  fakeDiscord = await startFakeDiscord();
  fakeDiscord.channelTypes.set(DISCORD_NEWS, 5);
  tmp = tempDir('sma-e2e-');
  knowledgeDir = copyFixture(tmp.dir);
  dataDir = join(tmp.dir, 'data');
  baseRounds = readFileSync(rounds(), 'utf8');
  clock.set('2018-04-20T12:00:00Z');
  bot = await boot();
});

afterAll(async () => {
  await bot?.stop();
  await fakeSlack?.close();
  await fakeDiscord?.close();
  tmp?.remove();
});

describe('announcements end to end (Bolt + discord.js + SQLite + the real core)', () => {
  it('the very first start takes the record as the baseline: nothing is posted', async () => {
    await settle(100);
    expect(bot.store.countsSync()).toMatchObject({ pending: 0, sent: 0 });
    expect(slackPosts()).toEqual([]);
    expect(fakeDiscord.messages).toEqual([]);
    expect(bot.log.find('announcements: first start, the current record is the baseline (history is not announced)')).toBeDefined();
  });

  it('channels are subscribed through the real commands; a Slack channel the bot cannot post in is refused', async () => {
    await slackCommand('subscribe', SLACK_SUB, 'sub-1');
    await until('the public confirmation', () => fakeSlack.messages.some((m) => m.channel === SLACK_SUB && m.text.includes('subscribed this channel')));
    expect(fakeSlack.messages.find((m) => m.channel === SLACK_SUB)!.text).toMatch(/^<@U0CURATOR> subscribed this channel to SMA round updates/);

    fakeSlack.failWhen.push((c) => (c.method === 'chat.postMessage' && c.body.channel === 'CNOTIN01' ? 'not_in_channel' : undefined));
    await slackCommand('subscribe', 'CNOTIN01', 'sub-2');
    await until('the refusal', () => fakeSlack.responses.some((r) => r.id === 'sub-2'));
    expect(fakeSlack.responses.find((r) => r.id === 'sub-2')!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining("I can't post in this channel") });

    expect((await discordAdmin('subscribe', DISCORD_TEXT)).content).toMatch(/^This channel will now receive SMA round updates/);
    expect((await discordAdmin('subscribe', DISCORD_NEWS, 5)).content).toMatch(/^This channel will now receive SMA round updates/);

    expect((await bot.store.subscriptions()).map((s) => `${s.platform}:${s.channelId}`)).toEqual([`slack:${SLACK_SUB}`, `discord:${DISCORD_TEXT}`, `discord:${DISCORD_NEWS}`]);

    await slackCommand('subscriptions', SLACK_SUB, 'list-1');
    await until('the list', () => fakeSlack.responses.some((r) => r.id === 'list-1'));
    const list = fakeSlack.responses.find((r) => r.id === 'list-1')!.body.blocks[0].text.text as string;
    expect(list).toContain(`<#${SLACK_FIXED}> (set by the bot's operator)`);
    expect(list).toContain(`<#${SLACK_SUB}> (this channel)`);
    expect(list).not.toContain('CNOTIN01');

    const listed = await discordAdmin('subscriptions', DISCORD_TEXT);
    expect(listed.content).toContain(`<#${DISCORD_TEXT}> (this channel)`);
    expect(listed.content).toContain(`<#${DISCORD_NEWS}>`);
  });

  it('a round added to rounds.yaml: answers change at once, and each subscribed channel gets exactly one post', async () => {
    expect(bot.responder.ask('When is the next round?').text).not.toContain('May 14');
    writeRound3({ summary: 'The talks move to Washington' });
    await until('the reload', () => bot.responder.ask('When is the next round?').text.includes('May 14–15, 2018'));
    const id = await (async () => {
      await until('the event', () => eventIds().length === 1);
      return latestEvent();
    })();
    expect(id).toBe('round-scheduled:sma10-r3@2');
    await until('delivery', outboxDone);
    await settle();
    expectDeliveredOnce(id);
    const slackMessage = fakeSlack.messages.find((m) => m.metadata?.event_payload.event === id && m.channel === SLACK_SUB)!;
    expect(slackMessage.blocks![0].text.text).toBe('*Round 3 of the 10th SMA talks: May 14–15, 2018, Washington*\nThe talks move to Washington.');
    const discordMessage = fakeDiscord.messages.find((m) => m.channelId === DISCORD_TEXT)!;
    expect(discordMessage.body).toMatchObject({
      embeds: [{ title: 'Round 3 of the 10th SMA talks: May 14–15, 2018, Washington' }],
      allowed_mentions: { parse: [] },
      enforce_nonce: true,
    });
  });

  it('in the Discord announcement channel the post is published to following servers (crosspost), once', () => {
    const news = fakeDiscord.messages.filter((m) => m.channelId === DISCORD_NEWS);
    expect(news).toHaveLength(1);
    expect(news[0]!.crossposted).toBe(true);
    expect(fakeDiscord.calls.filter((c) => c.path === `/channels/${DISCORD_NEWS}/messages/${news[0]!.id}/crosspost`)).toHaveLength(1);
    expect(fakeDiscord.messages.filter((m) => m.channelId !== DISCORD_NEWS).every((m) => !m.crossposted)).toBe(true);
  });

  it('a restart posts nothing twice', async () => {
    const before = { slack: slackPosts().length, discord: fakeDiscord.messages.length };
    await bot.stop();
    bot = await boot();
    await settle(200);
    expect({ slack: slackPosts().length, discord: fakeDiscord.messages.length }).toEqual(before);
    expect(bot.store.countsSync()).toMatchObject({ pending: 0, sending: 0 });
  });

  it('an invalid edit: logged as file:line, nothing posted, the old knowledge still answering', async () => {
    const posted = { slack: slackPosts().length, discord: fakeDiscord.messages.length };
    writeRound3({ status: 'maybe', start: '2018-05-20', end: '2018-05-21' });
    await until('the rejection', () => !!bot.log.find('knowledge reload rejected: keeping the running knowledge'));
    expect(bot.log.find('knowledge reload rejected: keeping the running knowledge')!.problems.join('\n')).toMatch(/rounds\.yaml:\d+.*status/);
    await settle();
    expect(bot.responder.ask('When is the next round?').text).toContain('May 14–15, 2018');
    expect({ slack: slackPosts().length, discord: fakeDiscord.messages.length }).toEqual(posted);
    expect(eventIds()).toHaveLength(1);
  });

  it('429 then 200 on both platforms (Retry-After / retry_after): delivered once', async () => {
    let slack429 = 0;
    fakeSlack.httpFailWhen.push((c) =>
      c.method === 'chat.postMessage' && c.body.channel === SLACK_SUB && slack429++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined,
    );
    fakeDiscord.failNext(
      'POST',
      `/channels/${DISCORD_TEXT}/messages`,
      429,
      { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      {
        headers: {
          'retry-after': '0.05',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '0.05',
          'x-ratelimit-bucket': 'e2e',
          'x-ratelimit-scope': 'user',
        },
      },
    );
    writeRound3({ start: '2018-05-16', end: '2018-05-17' });
    await until('the event', () => eventIds().length === 2);
    const id = latestEvent();
    expect(id).toBe('round-rescheduled:sma10-r3@3');
    await until('delivery', outboxDone, 8000);
    await settle();
    expectDeliveredOnce(id);
    expect(slack429).toBeGreaterThanOrEqual(2); // the 429 happened, then the retry went through
    expect(fakeDiscord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${DISCORD_TEXT}/messages`).length).toBe(3); // 1 + (429 + retry)
    expect(bot.log.lines.some((l) => l.msg === 'announcement will be retried' && l.rateLimited && l.channel === SLACK_SUB)).toBe(true);
  });

  it('500 then 200, also when the platform created the message before failing: delivered once', async () => {
    let slack500 = 0;
    fakeSlack.httpFailWhen.length = 0;
    // Slack creates the message in one channel and answers 500 (did it post?); the other just fails once.
    fakeSlack.httpFailWhen.push((c) => {
      if (c.method !== 'chat.postMessage' || slack500 >= 2) return undefined;
      if (c.body.channel === SLACK_SUB) return (slack500++, { status: 500, afterPost: true });
      if (c.body.channel === SLACK_FIXED) return (slack500++, { status: 500 });
      return undefined;
    });
    fakeDiscord.failNext('POST', `/channels/${DISCORD_TEXT}/messages`, 500, { message: 'Internal Server Error', code: 0 }, { afterCreate: true });
    fakeDiscord.failNext('POST', `/channels/${DISCORD_NEWS}/messages`, 500, { message: 'Internal Server Error', code: 0 });
    writeRound3({ start: '2018-05-16', end: '2018-05-17', status: 'postponed' });
    await until('the event', () => eventIds().length === 3);
    const id = latestEvent();
    expect(id).toBe('round-postponed:sma10-r3@4');
    await until('delivery', outboxDone, 8000);
    await settle();
    expect(slack500).toBe(2);
    expectDeliveredOnce(id);
    // The uncertain Slack delivery was found in the channel's history instead of being posted again.
    expect(bot.log.find('slack: uncertain announcement was already posted; not posting again')).toMatchObject({ channel: SLACK_SUB });
    expect(fakeDiscord.messages.filter((m) => m.channelId === DISCORD_NEWS).every((m) => m.crossposted)).toBe(true);
  });

  it('a crash between posting and marking sent: after the restart, nothing is posted twice', async () => {
    await bot.stop();
    // This run posts each announcement, then "dies" before it can mark it sent.
    const hang = (p: Poster): Poster => ({ ...p, post: async (...args) => (await p.post(...args), new Promise<never>(() => {})) });
    const doomed = await boot(hang);
    writeRound3({ start: '2018-05-20', end: '2018-05-21' });
    await until('the event', () => (doomed.store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n === 4);
    const id = (doomed.store.db.prepare('SELECT id FROM events ORDER BY created_at DESC, id DESC LIMIT 1').get() as { id: string }).id;
    expect(id).toBe('round-rescheduled:sma10-r3@5');
    await until('the posts', () => slackPosts().filter((p) => p.startsWith(id)).length === 2 && discordPostsOf(id).length === 3);
    expect(doomed.store.countsSync().sending).toBe(5);
    // The crash: nothing of that run stops cleanly.
    void doomed.announcements.stop();
    await doomed.slack.stop();
    await doomed.discord.destroy();

    bot = await boot();
    await until('the stale claims to be settled', outboxDone, 8000);
    await settle();
    expectDeliveredOnce(id);
    expect(bot.store.countsSync().sending).toBe(0);
    expect(bot.log.lines.filter((l) => l.msg === 'announcement delivered' && l.uncertain).length).toBe(5);
    doomed.state.store.close();
  });

  it('a reminder goes out at the lead time with the clock moved to the day before: once per channel', async () => {
    const posted = slackPosts().length;
    clock.set('2018-05-19T00:00:01Z'); // 24 h before 20 May
    await until('the reminder', () => eventIds().some((e) => e.startsWith('round-reminder:')));
    const id = 'round-reminder:sma10-r3:2018-05-20';
    await until('delivery', outboxDone);
    await settle(100); // many more reminder checks meanwhile (every 20 ms)
    expectDeliveredOnce(id);
    expect(slackPosts().length).toBe(posted + 2);
    expect(fakeSlack.messages.find((m) => m.metadata?.event_payload.event === id)!.text).toMatch(/^Starting soon: Round 3 of the 10th SMA talks: May 20–21, 2018, Washington/);
  });

  it('unsubscribing stops the posts to that channel only', async () => {
    await slackCommand('unsubscribe', SLACK_SUB, 'unsub-1');
    await until('the reply', () => fakeSlack.responses.some((r) => r.id === 'unsub-1'));
    expect(fakeSlack.responses.find((r) => r.id === 'unsub-1')!.body).toMatchObject({
      response_type: 'in_channel',
      text: '<@U0CURATOR> unsubscribed this channel from SMA round updates.',
    });
    expect((await discordAdmin('unsubscribe', DISCORD_TEXT)).content).toBe('This channel will no longer receive SMA round updates.');
    clock.set('2018-05-20T12:00:00Z');
    writeRound3({ start: '2018-05-20', end: '2018-05-21', status: 'cancelled' });
    await until('the event', () => latestEvent().startsWith('round-cancelled:'));
    const id = latestEvent();
    await until('delivery', outboxDone);
    await settle();
    expectDeliveredOnce(id, [SLACK_FIXED], [DISCORD_FIXED, DISCORD_NEWS]);
  });
});
