/**
 * Announcements in the running bot, wired in one place for `npm start` and the end-to-end tests:
 *
 * 1. `openAnnouncements`: the store (Postgres when DATABASE_URL is set, else DATA_DIR/sma-bot.sqlite;
 *    behind ResilientStore so that a bad store pauses announcements instead of stopping the bot) and the subscriptions the adapters
 *    use for their subscribe commands — before the platforms start. Never throws for the store.
 * 2. `startAnnouncements`: once the platforms run and their posters exist (with several instances
 *    on one Postgres: on the leader only, see src/ops/leader.ts), compare the record
 *    with the last announced state (the first start takes it as the baseline), then watch
 *    KNOWLEDGE_DIR and SIGHUP (a valid edit is swapped into the responder at once and announced;
 *    an invalid one changes nothing), check for reminders every minute, and deliver the outbox.
 *    Recording a change that the store refuses (disk full, read-only, locked) is retried with
 *    backoff, and at once when the store works again, so the news goes out without a restart.
 */
import { join } from 'node:path';
import { createLanguageChoices, type LanguageChoices } from '../adapters/answerLanguage.js';
import type { Config } from '../config.js';
import type { LiveResponder } from '../core/liveResponder.js';
import { watchKnowledge, type KnowledgeWatcher } from '../knowledge/watch.js';
import type { Logger } from '../log.js';
import { Leader, type LeaderOptions, type LeaderWork } from '../ops/leader.js';
import { Announcer } from './announcer.js';
import { Deliverer, type DeliveryOptions, type Poster } from './delivery.js';
import { ResilientStore, type BotStore } from './resilientStore.js';
import { PostgresStore, redactDatabaseUrl } from './postgresStore.js';
import { openCheckedSqliteStore, STORE_FILE, type SqliteStoreOptions } from './sqliteStore.js';
import { StoreUnavailableError, type ChannelRef, type Platform } from './store.js';
import { createSubscriptions, fixedChannels, type Subscriptions } from './subscriptions.js';

export interface AnnouncementState {
  store: ResilientStore;
  fixed: ChannelRef[];
  subscriptions: Subscriptions;
  /** Users' and channels' answer languages (`/sma language`), kept in the same store. */
  languages: LanguageChoices;
}

export interface OpenAnnouncementsOptions {
  logger: Logger;
  /** Another store implementation (a test's, a shared database's) instead of DATA_DIR's SQLite file. */
  open?: () => Promise<BotStore>;
  location?: string;
  sqlite?: SqliteStoreOptions;
  reopenMs?: number;
}

/** The store and the subscriptions; opening (and its integrity check) happens on first use or `state.store.open()`. */
export function openAnnouncements(
  config: Pick<Config, 'DATA_DIR' | 'ANNOUNCE_SLACK_CHANNELS' | 'ANNOUNCE_DISCORD_CHANNELS'> & Partial<Pick<Config, 'DATABASE_URL'>>,
  o: OpenAnnouncementsOptions,
): AnnouncementState {
  const url = config.DATABASE_URL;
  const store = new ResilientStore({
    location: o.location ?? (url ? redactDatabaseUrl(url) : join(config.DATA_DIR, STORE_FILE)),
    open: o.open ?? (url ? () => PostgresStore.open(url) : () => openCheckedSqliteStore(config.DATA_DIR, o.sqlite)),
    logger: o.logger,
    ...(o.reopenMs !== undefined ? { reopenMs: o.reopenMs } : {}),
  });
  const fixed = fixedChannels(config);
  return { store, fixed, subscriptions: createSubscriptions(store, fixed), languages: createLanguageChoices(store, { logger: o.logger }) };
}

export interface StartAnnouncementsOptions {
  state: AnnouncementState;
  knowledgeDir: string;
  responder: LiveResponder;
  posters: Partial<Record<Platform, Poster>>;
  logger: Logger;
  reminderHours: number;
  /** Real time unless a test injects one (never SMA_NOW: that clock is for answers). */
  now?: () => Date;
  delivery?: Omit<DeliveryOptions, 'logger' | 'now'>;
  debounceMs?: number;
  reminderIntervalMs?: number;
  sighup?: boolean;
  /** First wait before recording a knowledge change again after the store refused it (doubles up to `recordRetryMaxMs`). */
  recordRetryMs?: number;
  recordRetryMaxMs?: number;
  /** How often the watcher checks that it still watches the knowledge folder (see watch.ts). */
  rewatchMs?: number;
  /**
   * Several instances on one Postgres: only the instance holding the leader lock announces,
   * reminds and delivers (src/ops/leader.ts); every instance watches the knowledge and answers.
   */
  leader?: Omit<LeaderOptions, 'lead' | 'logger'>;
}

export interface RunningAnnouncements {
  announcer: Announcer;
  deliverer: Deliverer;
  watcher: KnowledgeWatcher;
  /** With `leader`: this instance's part in the election. */
  leader?: Leader;
  /** Records the current knowledge against the last announced state now (retrying by itself on failure). */
  record(): Promise<void>;
  /** Stops watching and reminding, and waits for the posts in flight (the store stays open: its owner closes it). */
  stop(): Promise<void>;
}

export async function startAnnouncements(o: StartAnnouncementsOptions): Promise<RunningAnnouncements> {
  const now = o.now ?? (() => new Date());
  const logger = o.logger;
  let leader: Leader | undefined;
  const deliverer = new Deliverer(o.state.store, o.posters, { ...o.delivery, logger, now: () => now().getTime(), claimsOwnedSince: () => leader?.leaderSince });
  const announcer = new Announcer({
    store: o.state.store,
    deliverer,
    logger,
    fixedChannels: o.state.fixed,
    reminderHours: o.reminderHours,
    now,
  });
  const recorder = new Retrying(() => announcer.knowledgeChanged(o.responder.knowledge()).then(() => undefined), {
    logger: logger.child({ component: 'announce' }),
    what: 'recording the knowledge change',
    baseMs: o.recordRetryMs ?? 1000,
    maxMs: o.recordRetryMaxMs ?? 60_000,
  });
  let leading = false;

  /** The announcer, reminders and deliverer: always in a single instance, on the leader only when several share Postgres. */
  const lead = async (): Promise<LeaderWork> => {
    leading = true;
    recorder.resume();
    // Edits made while no instance led are announced now; on the very first start this is the baseline.
    await recorder.request();
    // The store works again: record what changed meanwhile and post what waited.
    const offResume = o.state.store.onResume(() => {
      void recorder.request();
      deliverer.kick();
    });
    // Deliveries recorded by another process (Postgres: NOTIFY) go out now, not at the next poll.
    const offOutbox = await o.state.store.onOutboxChange(() => deliverer.kick());
    const reminders = announcer.startReminders(() => o.responder.knowledge(), o.reminderIntervalMs);
    deliverer.start();
    logger.info('announcements started', { platforms: deliverer.platforms, fixedChannels: o.state.fixed.length, pid: process.pid });
    return {
      async stop() {
        leading = false;
        reminders.stop();
        offResume();
        await offOutbox();
        recorder.stop();
        await deliverer.stop();
      },
    };
  };

  const work = o.leader ? undefined : await lead();
  const watcher = watchKnowledge({
    dir: o.knowledgeDir,
    logger,
    ...(o.debounceMs !== undefined ? { debounceMs: o.debounceMs } : {}),
    ...(o.sighup !== undefined ? { sighup: o.sighup } : {}),
    ...(o.rewatchMs !== undefined ? { rewatchMs: o.rewatchMs } : {}),
    onValid: async (kb) => {
      o.responder.swap(kb); // answers change at once, on every instance; announcing may take longer
      if (leading) await recorder.request();
    },
  });
  if (o.leader) {
    leader = new Leader({ ...o.leader, logger, lead });
    await leader.start();
  }
  return {
    announcer,
    deliverer,
    watcher,
    leader,
    record: () => recorder.request(),
    async stop() {
      watcher.close();
      await (leader ? leader.stop() : work?.stop());
    },
  };
}

/**
 * Runs `task` now and, while it fails, again with backoff (base, 2×, 4× … max). A request while it
 * runs makes it run once more afterwards (the task always works on the latest state, so requests
 * in between fold into one). `request()` resolves after the attempt, never rejects.
 */
class Retrying {
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly o: { logger: Logger; what: string; baseMs: number; maxMs: number },
  ) {}

  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.task();
        if (this.failures) this.o.logger.info(`announcements: ${this.o.what} succeeded after ${this.failures} failed attempt${this.failures === 1 ? '' : 's'}`);
        this.failures = 0;
      } catch (error) {
        this.failures++;
        const wait = Math.min(this.o.baseMs * 2 ** (this.failures - 1), this.o.maxMs);
        const fields = { attempt: this.failures, retryInMs: wait, ...(error instanceof StoreUnavailableError ? { store: error.location, reason: error.reason } : { error }) };
        this.o.logger.warn(`announcements: ${this.o.what} failed; retrying`, fields);
        clearTimeout(this.timer);
        if (!this.stopped) this.timer = setTimeout(() => void this.request(), wait);
      }
    } while (this.again && !this.stopped);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Accepts requests again after `stop` (an instance that leads again). */
  resume(): void {
    this.stopped = false;
  }
}
