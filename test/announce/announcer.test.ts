/**
 * The Announcer and the subscriptions service on a real SQLite file: baseline, changes to every
 * channel, two instances recording one edit once, reminders (once, at the lead time, by the timer
 * with an injected clock), and the operator's channels.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Announcer } from '../../src/announce/announcer.js';
import { Deliverer } from '../../src/announce/delivery.js';
import { openSqliteStore, SqliteStore } from '../../src/announce/sqliteStore.js';
import { createSubscriptions, fixedChannels } from '../../src/announce/subscriptions.js';
import { captureLogger, discordChannel, fixtureKb, manualClock, recordingPoster, round, slackChannel, tempDir, withRound } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
const clock = manualClock('2018-04-20T12:00:00Z');
const FIXED = [slackChannel('CFIXED', '')];
const R3 = round({ id: 'sma10-r3', round: 3 }); // scheduled 14–15 May 2018

beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.dir);
  clock.set('2018-04-20T12:00:00Z');
});
afterEach(() => {
  store.close();
  tmp.remove();
});

const announcer = (o: { deliverer?: Deliverer; s?: SqliteStore } = {}) =>
  new Announcer({
    store: o.s ?? store,
    logger: captureLogger().logger,
    fixedChannels: FIXED,
    reminderHours: 24,
    now: clock.date,
    ...(o.deliverer ? { deliverer: o.deliverer } : {}),
  });

describe('Announcer', () => {
  it('the very first start is the baseline: history is not announced', async () => {
    const a = announcer();
    expect(await a.knowledgeChanged(fixtureKb())).toEqual({ baseline: true, revision: 1, events: [], deliveries: 0 });
    expect(await store.outbox()).toEqual([]);
    expect(await a.knowledgeChanged(fixtureKb())).toMatchObject({ baseline: false, revision: 1, events: [] });
  });

  it("a change is announced once to every channel: the operator's and the subscribed, each once", async () => {
    await store.subscribe(slackChannel('C1'));
    await store.subscribe(slackChannel('CFIXED')); // also in the environment: still one delivery
    await store.subscribe(discordChannel('300000000000000001'));
    const poster = recordingPoster();
    const deliverer = new Deliverer(store, { slack: poster, discord: poster }, { logger: captureLogger().logger, now: clock.now });
    const a = announcer({ deliverer });
    await a.knowledgeChanged(fixtureKb());
    const result = await a.knowledgeChanged(withRound(fixtureKb(), R3));
    expect(result).toMatchObject({ baseline: false, revision: 2, deliveries: 3 });
    expect(result.events.map((e) => e.id)).toEqual(['round-scheduled:sma10-r3@2']);
    await deliverer.drain();
    expect(poster.calls.map((c) => c.channel.channelId).sort()).toEqual(['300000000000000001', 'C1', 'CFIXED']);
    // The same record again, or after a restart: nothing more.
    expect((await a.knowledgeChanged(withRound(fixtureKb(), R3))).events).toEqual([]);
    expect((await announcer().knowledgeChanged(withRound(fixtureKb(), R3))).events).toEqual([]);
  });

  it('preview shows what would be announced and writes nothing', async () => {
    const a = announcer();
    expect(await a.preview(fixtureKb())).toMatchObject({ baseline: true, events: [] });
    await a.knowledgeChanged(fixtureKb());
    const preview = await a.preview(withRound(fixtureKb(), R3));
    expect(preview).toMatchObject({ baseline: false, revision: 1, deliveries: 1 });
    expect(preview.events.map((e) => e.kind)).toEqual(['round-scheduled']);
    expect((await store.lastAnnounced())?.revision).toBe(1);
    expect(await store.outbox()).toEqual([]);
  });

  it('two instances seeing the same edit record it once (the revision compare-and-set)', async () => {
    await announcer().knowledgeChanged(fixtureKb());
    const other = new SqliteStore(store.path);
    try {
      const edited = withRound(fixtureKb(), R3);
      const [a, b] = await Promise.all([announcer().knowledgeChanged(edited), announcer({ s: other }).knowledgeChanged(edited)]);
      expect([a.events.length, b.events.length].sort()).toEqual([0, 1]);
      expect(store.countsSync().pending).toBe(1);
      expect((await store.lastAnnounced())?.revision).toBe(2);
    } finally {
      other.close();
    }
  });

  it('announcements expire after a week undelivered (news goes stale); reminders when the round starts', async () => {
    const a = announcer();
    await a.knowledgeChanged(fixtureKb());
    const { events } = await a.knowledgeChanged(withRound(fixtureKb(), R3));
    expect(events[0]!.expiresAt).toBe(clock.now() + 7 * 86_400_000);
  });
});

describe('reminders', () => {
  const kb = withRound(fixtureKb(), R3);

  it('queued at the lead time, once, and never after the round started', async () => {
    const a = announcer();
    await a.knowledgeChanged(kb);
    clock.set('2018-05-12T23:59:59Z');
    expect(await a.remind(kb)).toBe(0);
    clock.set('2018-05-13T00:00:00Z');
    expect(await a.remind(kb)).toBe(1); // one channel: the operator's
    expect(await a.remind(kb)).toBe(0);
    clock.set('2018-05-13T20:00:00Z');
    expect(await a.remind(kb)).toBe(0);
    expect((await store.outbox()).map((d) => d.event.id)).toEqual(['round-reminder:sma10-r3:2018-05-14']);
  });

  it('none for a round scheduled at short notice: its announcement already gives the dates', async () => {
    const a = announcer();
    await a.knowledgeChanged(fixtureKb());
    clock.set('2018-05-13T14:00:00Z'); // ten hours before it starts
    expect((await a.knowledgeChanged(kb)).events.map((e) => e.kind)).toEqual(['round-scheduled']);
    expect(await a.remind(kb)).toBe(0);
    expect((await store.outbox()).map((d) => d.event.kind)).toEqual(['round-scheduled']);
  });

  it('the timer checks on its own with the injected clock and fires once at the lead time', async () => {
    const poster = recordingPoster();
    const deliverer = new Deliverer(store, { slack: poster }, { logger: captureLogger().logger, now: clock.now });
    const a = announcer({ deliverer });
    await a.knowledgeChanged(kb);
    clock.set('2018-05-12T18:00:00Z');
    const timer = a.startReminders(() => kb, 5);
    try {
      await new Promise((r) => setTimeout(r, 40));
      expect(poster.calls).toHaveLength(0);
      clock.set('2018-05-13T00:00:01Z');
      const deadline = Date.now() + 2000;
      while (!poster.calls.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 40)); // more ticks: still one
      expect(poster.calls.map((c) => [c.event.kind, c.channel.channelId])).toEqual([['round-reminder', 'CFIXED']]);
      expect(poster.calls[0]!.event.headline).toBe('Starting soon: Round 3 of the 10th SMA talks: May 14–15, 2018, Washington');
    } finally {
      timer.stop();
      await deliverer.stop();
    }
  });
});

describe('subscriptions service', () => {
  it("the operator's channels are always subscribed and cannot be removed from chat", async () => {
    const fixed = fixedChannels({ ANNOUNCE_SLACK_CHANNELS: ['CFIXED'], ANNOUNCE_DISCORD_CHANNELS: ['300000000000000009'] });
    const subs = createSubscriptions(store, fixed);
    expect(await subs.subscribe(slackChannel('CFIXED'), 'U1')).toBe('fixed');
    expect(await subs.unsubscribe(slackChannel('CFIXED'))).toBe('fixed');
    expect(await subs.subscribe(slackChannel('C1'), 'U1')).toBe('subscribed');
    expect(await subs.subscribe(slackChannel('C1'), 'U2')).toBe('already');
    expect(await subs.list('slack', 'T1')).toEqual([
      { channelId: 'CFIXED', workspaceId: '', fixed: true, language: 'en' },
      { channelId: 'C1', workspaceId: 'T1', fixed: false, language: 'en' },
    ]);
    expect(await subs.list('slack', 'T-OTHER')).toEqual([{ channelId: 'CFIXED', workspaceId: '', fixed: true, language: 'en' }]);
    expect(await subs.unsubscribe(slackChannel('C1'))).toBe('unsubscribed');
    expect(await subs.unsubscribe(slackChannel('C1'))).toBe('not-subscribed');
  });
});
