/**
 * Announcements in the running bot, wired in one place for `npm start` and the end-to-end tests:
 *
 * 1. `openAnnouncements`: the store (DATA_DIR/sma-bot.sqlite) and the subscriptions the adapters
 *    use for their subscribe commands — before the platforms start;
 * 2. `startAnnouncements`: once the platforms run and their posters exist, compare the record
 *    with the last announced state (the first start takes it as the baseline), then watch
 *    KNOWLEDGE_DIR and SIGHUP (a valid edit is swapped into the responder at once and announced;
 *    an invalid one changes nothing), check for reminders every minute, and deliver the outbox.
 */
import type { Config } from '../config.js';
import type { LiveResponder } from '../core/liveResponder.js';
import { watchKnowledge, type KnowledgeWatcher } from '../knowledge/watch.js';
import type { Logger } from '../log.js';
import { Announcer } from './announcer.js';
import { Deliverer, type DeliveryOptions, type Poster } from './delivery.js';
import { openSqliteStore } from './sqliteStore.js';
import type { AnnouncementStore, ChannelRef, Platform } from './store.js';
import { createSubscriptions, fixedChannels, type Subscriptions } from './subscriptions.js';

export interface AnnouncementState {
  store: AnnouncementStore;
  fixed: ChannelRef[];
  subscriptions: Subscriptions;
}

export function openAnnouncements(config: Pick<Config, 'DATA_DIR' | 'ANNOUNCE_SLACK_CHANNELS' | 'ANNOUNCE_DISCORD_CHANNELS'>, store?: AnnouncementStore): AnnouncementState {
  const s = store ?? openSqliteStore(config.DATA_DIR);
  const fixed = fixedChannels(config);
  return { store: s, fixed, subscriptions: createSubscriptions(s, fixed) };
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
}

export interface RunningAnnouncements {
  announcer: Announcer;
  deliverer: Deliverer;
  watcher: KnowledgeWatcher;
  /** Stops watching and reminding, and waits for the posts in flight (the store stays open: its owner closes it). */
  stop(): Promise<void>;
}

export async function startAnnouncements(o: StartAnnouncementsOptions): Promise<RunningAnnouncements> {
  const now = o.now ?? (() => new Date());
  const logger = o.logger;
  const deliverer = new Deliverer(o.state.store, o.posters, { ...o.delivery, logger, now: () => now().getTime() });
  const announcer = new Announcer({
    store: o.state.store,
    deliverer,
    logger,
    fixedChannels: o.state.fixed,
    reminderHours: o.reminderHours,
    now,
  });
  // Edits made while the bot was down are announced now; on the very first start this is the baseline.
  await announcer.knowledgeChanged(o.responder.knowledge());
  const watcher = watchKnowledge({
    dir: o.knowledgeDir,
    logger,
    ...(o.debounceMs !== undefined ? { debounceMs: o.debounceMs } : {}),
    ...(o.sighup !== undefined ? { sighup: o.sighup } : {}),
    onValid: async (kb) => {
      o.responder.swap(kb); // answers change at once; announcing may take longer
      await announcer.knowledgeChanged(kb);
    },
  });
  const reminders = announcer.startReminders(() => o.responder.knowledge(), o.reminderIntervalMs);
  deliverer.start();
  // The pid is for `kill -HUP`: under `npm start` this process sits below npm and tsx, which do not pass SIGHUP on.
  logger.info('announcements started', { platforms: deliverer.platforms, fixedChannels: o.state.fixed.length, pid: process.pid });
  return {
    announcer,
    deliverer,
    watcher,
    async stop() {
      watcher.close();
      reminders.stop();
      await deliverer.stop();
    },
  };
}
