/**
 * The outbox worker. Each delivery (event × channel) is claimed in the store right before it is
 * posted and marked sent right after, so a restart, a crash or a second instance never posts a
 * delivery that is already marked sent, and only one process ever holds a claim.
 *
 * The one window no store can close is between the platform accepting a post and `markSent`
 * (a crash there, or a timeout after the platform created the message). Such a delivery comes
 * back as `uncertain`, and the platform's poster makes sure it does not post twice: Discord
 * dedupes by the message nonce, Slack looks for the message's metadata first (see each poster).
 *
 * Failures retry with exponential backoff; a platform's "slow down" (429 with retry_after /
 * Retry-After) sets the next try exactly, and when it concerns the whole platform (Slack's
 * per-workspace limit) pauses every post there. A timer is always set for the earliest moment
 * something becomes due (a retry, the end of a pause, a stale claim), so a retry goes out at its
 * time, not at the next poll; the poll only catches what other instances queue. A store that
 * fails is retried on a backoff timer too (1 s doubling to the poll interval). Posts in one channel are spaced by the poster's
 * `perChannelIntervalMs` (Slack allows about one message per second per channel) and go out in
 * event order; different channels go in parallel (`concurrency`).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.js';
import type { AnnouncementEvent } from './events.js';
import { channelKey, PLATFORMS, StoreUnavailableError, type AnnouncementStore, type ChannelRef, type Delivery, type Platform } from './store.js';

export interface PostContext {
  /** The same for every attempt of one delivery: a nonce, a metadata key. */
  key: string;
  /** An earlier attempt may have posted: make sure not to post twice. */
  uncertain: boolean;
  /** Epoch ms the delivery was recorded: no message of it can be older. */
  since: number;
}

export interface Poster {
  /** Minimum gap between two posts in one channel (0 when the platform client paces itself). */
  readonly perChannelIntervalMs?: number;
  /** Posts the event; resolves with the platform's message id. Throws PostError (or anything) on failure. */
  post(channel: ChannelRef, event: AnnouncementEvent, ctx: PostContext): Promise<{ messageId?: string }>;
}

export interface PostErrorOptions {
  /** The platform said when to try again (429). */
  retryAfterMs?: number;
  /** 'platform': the limit is the whole platform's (workspace-wide), so every post there waits. */
  scope?: 'channel' | 'platform';
  /** No retry can fix it (no access, bad request). */
  permanent?: boolean;
  /** The bot can no longer post in the channel (it is gone, or the bot lost access to it): its subscription is removed. */
  channelGone?: boolean;
  /** The request may have reached the platform and created the message (timeout, 5xx). */
  uncertain?: boolean;
}

export class PostError extends Error {
  constructor(
    message: string,
    readonly options: PostErrorOptions = {},
  ) {
    super(message);
    this.name = 'PostError';
  }
}

export interface DeliveryOptions {
  logger: Logger;
  /** The clock for the store (due times, backoff, expiry). Pacing within a channel uses real time. */
  now?: () => number;
  /** Attempts before a delivery fails for good (rate limits do not count: they expire instead). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Deliveries read per pass, per platform. */
  batch?: number;
  /** Posts in flight at once per platform (always one at a time per channel). */
  concurrency?: number;
  /** A claim older than this is from a process that died mid-post; must exceed the longest post. */
  staleMs?: number;
  /** The background loop looks at the outbox at least this often (other instances, retries). */
  pollMs?: number;
  /**
   * Epoch ms before which every claim belongs to a previous leader that is gone (it lost its
   * lock): such claims are taken over at once, as uncertain, instead of after `staleMs`.
   */
  claimsOwnedSince?: () => number | undefined;
}

export interface PassResult {
  sent: number;
  retrying: number;
  failed: number;
}

type Outcome = keyof PassResult | 'skipped';

const MIN_RATE_LIMIT_WAIT_MS = 1000;

/** A stable key per delivery: Discord's nonce (≤ 25 chars) is derived from it, Slack's metadata carries it. */
export const deliveryKey = (d: Pick<Delivery, 'event' | 'channel'>) => `${d.event.id}|${d.channel.platform}|${d.channel.channelId}`;
export const shortKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 25);

export class Deliverer {
  readonly platforms: Platform[];
  private readonly now: () => number;
  private readonly logger: Logger;
  /** Real-time (performance.now) at which each channel may get its next post. */
  private readonly readyAt = new Map<string, number>();
  private readonly pausedUntil = new Map<Platform, number>();
  /** One lane per platform, so that a slow platform (Discord's 50 requests/s) never holds up another. */
  private readonly lanes = new Map<Platform, { running?: Promise<PassResult>; again: boolean }>();
  private timer: NodeJS.Timeout | undefined;
  /** Epoch ms (the store's clock) the timer fires at. */
  private timerAt = Infinity;
  /** Consecutive loop passes that failed on the store (for the backoff). */
  private storeFailures = 0;
  /** The background loop runs (start → stop). */
  private looping = false;
  /** stop() was called: no new post starts, the ones in flight finish. */
  private stopping = false;

  constructor(
    private readonly store: AnnouncementStore,
    private readonly posters: Partial<Record<Platform, Poster>>,
    private readonly o: DeliveryOptions,
  ) {
    this.now = o.now ?? Date.now;
    this.logger = o.logger.child({ component: 'announce' });
    // Only platforms this process can post to; the rest stay pending for a process that can.
    this.platforms = PLATFORMS.filter((p) => posters[p]);
    for (const p of this.platforms) this.lanes.set(p, { again: false });
  }

  /**
   * Two minutes: longer than any post can take (Slack: three history pages and the post, 20 s each;
   * Discord: 15 s per request, 3 retries, rate-limit waits ≤ 10 s), and short enough that a post
   * cut off by a crash is retried while Discord still remembers its nonce ("a few minutes").
   */
  private get staleMs() {
    return this.o.staleMs ?? 2 * 60_000;
  }

  /** Claims made before this are stale: older than `staleMs`, or a previous leader's. */
  private staleBefore(now: number): number {
    return Math.max(now - this.staleMs, this.o.claimsOwnedSince?.() ?? -Infinity);
  }

  /** Delivers everything due, pass after pass, on every platform, until nothing more can go now. */
  async drain(): Promise<PassResult> {
    const results = await Promise.all(this.platforms.map((p) => this.drainLane(p)));
    return results.reduce((a, r) => ({ sent: a.sent + r.sent, retrying: a.retrying + r.retrying, failed: a.failed + r.failed }), { sent: 0, retrying: 0, failed: 0 });
  }

  /** One platform's passes until one attempts nothing. A call while it runs joins that run and makes it look again. */
  private drainLane(platform: Platform): Promise<PassResult> {
    const lane = this.lanes.get(platform)!;
    if (lane.running) {
      lane.again = true;
      return lane.running;
    }
    const total: PassResult = { sent: 0, retrying: 0, failed: 0 };
    lane.running = (async () => {
      try {
        do {
          lane.again = false;
          while (!this.stopping) {
            const r = await this.pass(platform);
            total.sent += r.sent;
            total.retrying += r.retrying;
            total.failed += r.failed;
            if (r.sent + r.retrying + r.failed === 0) break;
          }
        } while (lane.again && !this.stopping);
        return total;
      } finally {
        lane.running = undefined;
      }
    })();
    return lane.running;
  }

  /**
   * Delivers what is due now, in the background (after a commit, a resumed store); errors are
   * logged, never thrown. With the loop running this is a loop pass, which sets the timer again.
   */
  kick(): void {
    if (this.looping) {
      this.schedule(0);
      return;
    }
    this.drain().catch((error: unknown) => this.logger.error('announcement delivery failed', { error }));
  }

  /** The background loop: drain, then sleep until the next delivery is due (at most `pollMs`). */
  start(): void {
    this.looping = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops the loop and waits for the posts in flight, so that each ends marked sent or failed. */
  async stop(): Promise<void> {
    this.looping = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await Promise.all([...this.lanes.values()].map((l) => l.running?.catch(() => undefined)));
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timerAt = Infinity;
    if (!this.looping) return;
    this.timerAt = this.now() + ms;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  /** Makes sure the loop runs by epoch ms `at` (a retry or a pause ending then). */
  private wakeAt(at: number): void {
    if (this.looping && at < this.timerAt) this.schedule(Math.max(0, at - this.now()));
  }

  private async tick(): Promise<void> {
    const poll = this.o.pollMs ?? 60_000;
    this.timerAt = Infinity; // running now: anything that becomes due meanwhile sets the timer again
    let delay = poll;
    try {
      await this.drain();
      const now = this.now();
      const pauses = [...this.pausedUntil.values()].filter((t) => t > now);
      const next = [await this.store.nextDueAt(this.platforms, this.staleMs), ...pauses].filter((t): t is number => t !== undefined);
      if (next.length) delay = Math.min(poll, Math.max(0, Math.min(...next) - now));
      this.storeFailures = 0;
    } catch (error) {
      this.storeFailures++;
      delay = Math.min(poll, 1000 * 2 ** Math.min(this.storeFailures - 1, 10));
      // A store fault is logged once by the store ("paused"); anything else is a bug worth an error.
      if (error instanceof StoreUnavailableError) this.logger.debug('announcement delivery waits for the store', { retryInMs: delay, reason: error.reason });
      else this.logger.error('announcement delivery loop failed', { error, retryInMs: delay });
    }
    if (this.looping && delay < this.timerAt - this.now()) this.schedule(delay);
  }

  private paused(platform: Platform): boolean {
    return (this.pausedUntil.get(platform) ?? 0) > this.now();
  }

  /** One pass on one platform: read what is due, then post it, channels in parallel, each channel in order. */
  private async pass(platform: Platform): Promise<PassResult> {
    const result: PassResult = { sent: 0, retrying: 0, failed: 0 };
    if (this.paused(platform)) return result;
    const now = this.now();
    const due = await this.store.due(now, this.staleBefore(now), this.o.batch ?? 500, [platform]);
    if (!due.length) return result;
    const queues = new ChannelQueues(due);
    const interval = this.posters[platform]?.perChannelIntervalMs ?? 0;
    let storeError: unknown;
    const worker = async () => {
      while (!this.stopping && storeError === undefined) {
        const pick = queues.next(performance.now(), this.paused(platform), this.readyAt);
        if (!pick) return;
        if ('waitMs' in pick) {
          await new Promise((r) => setTimeout(r, pick.waitMs));
          continue;
        }
        let outcome: Outcome;
        try {
          outcome = await this.deliver(pick.delivery);
        } catch (error) {
          storeError ??= error; // the store failed before the post: nothing was sent; stop this pass
          return;
        } finally {
          this.readyAt.set(pick.key, performance.now() + interval);
          queues.done(pick.key);
        }
        if (outcome !== 'skipped') result[outcome]++;
      }
    };
    // Settled, not raced: every post in flight ends (and is marked) before the pass returns, so stop() waits for it.
    await Promise.allSettled(Array.from({ length: Math.max(1, this.o.concurrency ?? 8) }, worker));
    this.pruneReadyAt();
    if (storeError !== undefined) throw storeError;
    return result;
  }

  private pruneReadyAt(): void {
    const t = performance.now();
    for (const [key, at] of this.readyAt) if (at <= t) this.readyAt.delete(key);
  }

  private async deliver(d: Delivery): Promise<Outcome> {
    const poster = this.posters[d.channel.platform]!;
    const claimedAt = this.now();
    if (!(await this.store.claim(d, claimedAt, this.staleBefore(claimedAt)))) return 'skipped'; // another instance has it
    const key = deliveryKey(d);
    const log = this.logger.child({ event: d.event.id, platform: d.channel.platform, channel: d.channel.channelId, attempt: d.attempts });

    let messageId: string | undefined;
    try {
      ({ messageId } = await poster.post(d.channel, d.event, { key, uncertain: d.uncertain, since: d.createdAt }));
    } catch (err) {
      return this.failed(d, err, log);
    }
    try {
      await this.store.markSent(d, messageId, this.now());
    } catch (error) {
      // Posted but not marked: the claim goes stale and comes back as uncertain, and the poster checks first.
      log.error('announcement posted but not marked sent', { messageId, error });
    }
    log.info('announcement delivered', { messageId, ...(d.uncertain ? { uncertain: true } : {}) });
    return 'sent';
  }

  private async failed(d: Delivery, err: unknown, log: Logger): Promise<Outcome> {
    const e = err instanceof PostError ? err : new PostError(err instanceof Error ? err.message : String(err), { uncertain: true });
    const { retryAfterMs, permanent, channelGone, uncertain = false } = e.options;
    const now = this.now();
    if (channelGone) {
      // Why, in the log: the platform's answer, and what the bot could do there when the channel subscribed.
      const why = { reason: e.message, ...(d.channel.permissions !== undefined ? { permissionsWhenSubscribed: d.channel.permissions } : {}) };
      if (await this.store.unsubscribe(d.channel).catch(() => false)) log.warn('the bot can no longer post in this channel (gone, or access lost): unsubscribed', why);
      else log.warn('the bot can no longer post in this channel; it is not a stored subscription (ANNOUNCE_*_CHANNELS?): fix its access or remove it', why);
    }
    const rateLimited = retryAfterMs !== undefined;
    // At least a second: a platform that keeps answering "retry after 0" must not spin the loop.
    const rateWait = Math.max(MIN_RATE_LIMIT_WAIT_MS, retryAfterMs ?? 0);
    if (rateLimited && e.options.scope === 'platform') {
      this.pausedUntil.set(d.channel.platform, now + rateWait);
      this.wakeAt(now + rateWait);
    }
    if (permanent || (!rateLimited && d.attempts >= (this.o.maxAttempts ?? 10))) {
      await this.mark(d, { error: e.message, uncertain }, now, log);
      log.error('announcement failed for good', { error: e.message, permanent: !!permanent });
      return 'failed';
    }
    const backoff = Math.min((this.o.baseDelayMs ?? 2000) * 2 ** Math.max(0, d.attempts - 1), this.o.maxDelayMs ?? 15 * 60_000);
    const wait = rateLimited ? rateWait : backoff;
    await this.mark(d, { error: e.message, retryAt: now + wait, uncertain }, now, log);
    this.wakeAt(now + wait);
    log.warn('announcement will be retried', { error: e.message, retryInMs: wait, ...(rateLimited ? { rateLimited } : {}), ...(uncertain ? { uncertain } : {}) });
    return 'retrying';
  }

  /** Records a failed attempt. If even that fails, the claim goes stale and comes back (as uncertain) after `staleMs`. */
  private async mark(d: Delivery, update: Parameters<AnnouncementStore['markFailed']>[1], now: number, log: Logger): Promise<void> {
    try {
      await this.store.markFailed(d, update, now);
    } catch (error) {
      log.error('announcement failure could not be recorded; it is retried once its claim goes stale', { error, staleMs: this.staleMs });
      this.wakeAt(now + this.staleMs);
    }
  }
}

/**
 * Per-channel FIFO queues for one pass. `next` hands out the first delivery of a channel that is
 * not being posted to and whose pacing allows a post now; or how long to wait for one; or
 * nothing, when every remaining delivery belongs to a channel another worker is busy with.
 */
class ChannelQueues {
  private readonly queues = new Map<string, Delivery[]>();
  private readonly busy = new Set<string>();

  constructor(due: Delivery[]) {
    for (const d of due) {
      const key = channelKey(d.channel);
      const q = this.queues.get(key);
      if (q) q.push(d);
      else this.queues.set(key, [d]);
    }
  }

  next(t: number, paused: boolean, readyAt: Map<string, number>): { key: string; delivery: Delivery } | { waitMs: number } | undefined {
    if (paused) return undefined; // what is left stays pending in the store for a later pass
    let wait = Infinity;
    for (const [key, q] of this.queues) {
      if (this.busy.has(key)) continue;
      const first = q[0];
      if (!first) {
        this.queues.delete(key);
        continue;
      }
      const at = readyAt.get(key) ?? 0;
      if (at > t) {
        wait = Math.min(wait, at - t);
        continue;
      }
      q.shift();
      this.busy.add(key);
      return { key, delivery: first };
    }
    return wait === Infinity ? undefined : { waitMs: Math.ceil(wait) };
  }

  done(key: string): void {
    this.busy.delete(key);
    if (!this.queues.get(key)?.length) this.queues.delete(key);
  }
}
