/**
 * The outbox worker against a real SQLite file and recording posters, with a clock the test moves:
 * once-only delivery, retries and backoff, 429s, permanent failures, pacing per channel, platforms
 * this process cannot post to, restarts and a crash mid-post.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Deliverer, PostError, type DeliveryOptions, type Poster } from '../../src/announce/delivery.js';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { snapshotOf } from '../../src/announce/snapshot.js';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import type { ChannelRef, Platform } from '../../src/announce/store.js';
import { captureLogger, discordChannel, fixtureKb, manualClock, recordingPoster, slackChannel, tempDir, type Captured } from './helpers.js';

const T0 = Date.parse('2024-06-01T00:00:00Z');
let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
let clock: ReturnType<typeof manualClock>;
let log: Captured;

const event = (id: string): AnnouncementEvent => ({ id, kind: 'round-scheduled', subject: 'r', headline: id, detail: '' });
const C1 = slackChannel('C1');
const C2 = slackChannel('C2');
const D1 = discordChannel('300000000000000001');

beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.dir);
  clock = manualClock(T0);
  log = captureLogger();
});
afterEach(() => {
  store.close();
  tmp.remove();
});

async function seed(events: AnnouncementEvent[], channels: ChannelRef[]) {
  const snap = snapshotOf(fixtureKb());
  await store.commit(0, snap, [], [], clock.now());
  await store.commit(1, snap, events, channels, clock.now());
}

function deliverer(posters: Partial<Record<Platform, Poster>>, o: Partial<DeliveryOptions> = {}) {
  return new Deliverer(store, posters, { logger: log.logger, now: clock.now, baseDelayMs: 1000, staleMs: 60_000, ...o });
}

const key = (c: { channel: ChannelRef; event: AnnouncementEvent }) => `${c.event.id}>${c.channel.channelId}`;

describe('Deliverer', () => {
  it('posts each delivery once and marks it sent; another drain posts nothing', async () => {
    await seed([event('e1'), event('e2')], [C1, C2, D1]);
    const slack = recordingPoster();
    const discord = recordingPoster();
    const d = deliverer({ slack, discord });
    expect(await d.drain()).toEqual({ sent: 6, retrying: 0, failed: 0 });
    expect(slack.calls.map(key).sort()).toEqual(['e1>C1', 'e1>C2', 'e2>C1', 'e2>C2']);
    expect(discord.calls.map(key).sort()).toEqual(['e1>300000000000000001', 'e2>300000000000000001']);
    expect(slack.calls[0]!.ctx).toEqual({ key: 'e1|slack|C1', uncertain: false, since: T0 });
    expect(await d.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(slack.calls).toHaveLength(4);
    expect(store.countsSync()).toMatchObject({ sent: 6, pending: 0 });
  });

  it('retries a transient failure with exponential backoff, telling the poster it may have posted', async () => {
    await seed([event('e1')], [C1]);
    const slack = recordingPoster((_c, n) => {
      if (n <= 2) throw new PostError('Slack answered HTTP 500', { uncertain: true });
    });
    const d = deliverer({ slack });
    expect(await d.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await store.nextDueAt(['slack'], 60_000)).toBe(T0 + 1000);
    clock.advance(999);
    expect((await d.drain()).retrying + slack.calls.length).toBe(1); // not due yet
    clock.advance(1);
    await d.drain();
    expect(await store.nextDueAt(['slack'], 60_000)).toBe(T0 + 1000 + 2000); // doubled
    clock.advance(2000);
    expect(await d.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(slack.calls.map((c) => c.ctx.uncertain)).toEqual([false, true, true]);
    expect(log.lines.filter((l) => l.msg === 'announcement will be retried').map((l) => l.retryInMs)).toEqual([1000, 2000]);
  });

  it('a platform-wide 429 waits exactly retry_after and pauses that platform only', async () => {
    await seed([event('e1')], [C1, C2, D1]);
    const slack = recordingPoster((_c, n) => {
      if (n === 1) throw new PostError('rate limited by Slack', { retryAfterMs: 30_000, scope: 'platform' });
    });
    const discord = recordingPoster();
    const d = deliverer({ slack, discord }, { concurrency: 1 });
    expect(await d.drain()).toEqual({ sent: 1, retrying: 1, failed: 0 });
    expect(slack.calls).toHaveLength(1); // C2 was not tried while Slack is paused
    expect(discord.calls).toHaveLength(1);
    clock.advance(29_999);
    await d.drain();
    expect(slack.calls).toHaveLength(1);
    clock.advance(1);
    expect(await d.drain()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(slack.calls.map(key).sort()).toEqual(['e1>C1', 'e1>C1', 'e1>C2']);
  });

  it('rate limits never make a delivery fail for good (they expire instead); other failures stop after maxAttempts', async () => {
    await seed([event('e1')], [C1, C2]);
    const slack = recordingPoster((c) => {
      throw c.channel.channelId === 'C1' ? new PostError('429', { retryAfterMs: 10, scope: 'channel' }) : new PostError('Slack: internal_error');
    });
    const d = deliverer({ slack }, { maxAttempts: 3, baseDelayMs: 10 });
    for (let i = 0; i < 6; i++) {
      await d.drain();
      clock.advance(1000);
    }
    const outbox = await store.outbox();
    expect(outbox.find((x) => x.channel.channelId === 'C1')).toMatchObject({ status: 'pending', attempts: 6 });
    expect(outbox.find((x) => x.channel.channelId === 'C2')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Slack: internal_error' });
  });

  it('a permanent error fails at once; a channel that is gone is also unsubscribed', async () => {
    await store.subscribe(D1);
    await seed([event('e1')], [C1, D1]);
    const slack = recordingPoster(() => {
      throw new PostError('Slack: not_in_channel', { permanent: true });
    });
    const discord = recordingPoster(() => {
      throw new PostError('Discord 404: Unknown Channel (code 10003)', { permanent: true, channelGone: true });
    });
    expect(await deliverer({ slack, discord }).drain()).toEqual({ sent: 0, retrying: 0, failed: 2 });
    expect(await store.subscriptions('discord')).toEqual([]);
    expect(log.find('the bot can no longer post in this channel (gone, or access lost): unsubscribed')).toMatchObject({
      channel: D1.channelId,
      reason: 'Discord 404: Unknown Channel (code 10003)',
    });
    expect(log.lines.filter((l) => l.msg === 'announcement failed for good')).toHaveLength(2);
  });

  it('an error that is not a PostError (a bug, a network error) is retried as uncertain', async () => {
    await seed([event('e1')], [C1]);
    const slack = recordingPoster((_c, n) => {
      if (n === 1) throw new Error('socket hang up');
    });
    const d = deliverer({ slack });
    await d.drain();
    clock.advance(1000);
    await d.drain();
    expect(slack.calls.map((c) => c.ctx.uncertain)).toEqual([false, true]);
  });

  it('spaces posts in one channel by perChannelIntervalMs, in event order; channels go in parallel', async () => {
    await seed([event('e1'), event('e2'), event('e3')], [C1, C2]);
    const at: { key: string; t: number }[] = [];
    const slack = recordingPoster((c) => void at.push({ key: key(c), t: performance.now() }), 60);
    await deliverer({ slack }).drain();
    for (const channel of ['C1', 'C2']) {
      const mine = at.filter((a) => a.key.endsWith(`>${channel}`));
      expect(mine.map((a) => a.key)).toEqual([`e1>${channel}`, `e2>${channel}`, `e3>${channel}`]);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.t - mine[i - 1]!.t).toBeGreaterThanOrEqual(59);
    }
    // Both channels' first posts went out before either channel's second.
    expect(
      at
        .slice(0, 2)
        .map((a) => a.key)
        .sort(),
    ).toEqual(['e1>C1', 'e1>C2']);
  });

  it('each platform has its own lane: a slow platform does not hold up the other', async () => {
    await seed([event('e1'), event('e2')], [C1, C2, D1]);
    const done: string[] = [];
    const slack = recordingPoster((c) => void done.push(`slack ${key(c)}`));
    const discord = recordingPoster(async (c) => {
      await new Promise((r) => setTimeout(r, 100));
      done.push(`discord ${key(c)}`);
    });
    await deliverer({ slack, discord }, { batch: 1, concurrency: 1 }).drain();
    expect(done.slice(0, 4).every((d) => d.startsWith('slack'))).toBe(true);
    expect(done).toHaveLength(6);
  });

  it('leaves deliveries of a platform this process cannot post to pending, untouched', async () => {
    await seed([event('e1')], [C1, D1]);
    expect(await deliverer({ slack: recordingPoster() }).drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect((await store.outbox()).map((d) => [d.channel.platform, d.status, d.attempts])).toEqual([['discord', 'pending', 0]]);
  });

  it('a restart (the file reopened) posts nothing twice', async () => {
    await seed([event('e1'), event('e2')], [C1, D1]);
    const first = recordingPoster();
    await deliverer({ slack: first, discord: first }).drain();
    store.close();
    store = openSqliteStore(tmp.dir);
    const second = recordingPoster();
    clock.advance(24 * 3_600_000);
    expect(await deliverer({ slack: second, discord: second }).drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(first.calls).toHaveLength(4);
    expect(second.calls).toHaveLength(0);
  });

  it('a crash mid-post: after the restart the delivery is retried once, as uncertain, after staleMs', async () => {
    await seed([event('e1')], [C1]);
    const [d] = await store.due(T0, T0 - 60_000, 10, ['slack']);
    await store.claim(d!, T0, T0 - 60_000); // the post was in flight when the process died
    store.close();
    store = openSqliteStore(tmp.dir);
    const slack = recordingPoster();
    const after = deliverer({ slack });
    expect((await after.drain()).sent).toBe(0); // the claim may still be live
    clock.advance(60_001);
    expect((await after.drain()).sent).toBe(1);
    expect(slack.calls.map((c) => c.ctx)).toEqual([{ key: 'e1|slack|C1', uncertain: true, since: T0 }]);
  });

  it('posted but not marked (the store failed): logged, and the claim comes back as uncertain rather than being posted at once', async () => {
    await seed([event('e1')], [C1]);
    const slack = recordingPoster();
    const markSent = store.markSent.bind(store);
    store.markSent = async () => {
      throw new Error('disk I/O error');
    };
    const d = deliverer({ slack });
    expect((await d.drain()).sent).toBe(1);
    expect(log.find('announcement posted but not marked sent')).toMatchObject({ level: 'error' });
    store.markSent = markSent;
    expect((await d.drain()).sent).toBe(0);
    clock.advance(60_001);
    await d.drain();
    expect(slack.calls.map((c) => c.ctx.uncertain)).toEqual([false, true]);
  });

  it('stop() lets the posts in flight finish and be marked, and starts no new ones', async () => {
    await seed([event('e1')], [C1, C2, slackChannel('C3')]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slack = recordingPoster(() => gate);
    const d = deliverer({ slack }, { concurrency: 1 });
    const draining = d.drain();
    while (!slack.calls.length) await new Promise((r) => setTimeout(r, 1));
    const stopped = d.stop();
    release();
    await stopped;
    await draining;
    expect(slack.calls).toHaveLength(1);
    expect(store.countsSync()).toMatchObject({ sent: 1, pending: 2, sending: 0 });
  });

  it('the background loop delivers what a commit queued, and retries when due, by itself', async () => {
    const real = manualClock(Date.now());
    const slack = recordingPoster((_c, n) => {
      if (n === 1) throw new PostError('HTTP 500', { uncertain: true });
    });
    const d = new Deliverer(store, { slack }, { logger: log.logger, now: () => Date.now(), baseDelayMs: 30, pollMs: 1000 });
    d.start();
    try {
      const snap = snapshotOf(fixtureKb());
      await store.commit(0, snap, [], [], real.now());
      await store.commit(1, snap, [event('e1')], [C1], real.now());
      d.kick();
      const deadline = Date.now() + 3000;
      while (store.countsSync().sent < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(slack.calls).toHaveLength(2);
      expect(store.countsSync().sent).toBe(1);
    } finally {
      await d.stop();
    }
  });
});
