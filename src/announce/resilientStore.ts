/**
 * Degrade, don't die: the store the running bot uses, wrapped so that a store that cannot be
 * opened, written or trusted pauses announcements and subscriptions instead of stopping the bot
 * (answers never touch the store), and resumes them by itself.
 *
 * - Opening is lazy and repeated: the first call opens (SQLite: and runs `PRAGMA quick_check`);
 *   a failure is remembered and the next open is tried at most every `reopenMs`.
 * - A StoreUnavailableError from any call pauses (one error log line naming the store and the
 *   reason; again only when the reason changes). A connection that is no good (corrupt, I/O
 *   error, cannot open) is closed and opened afresh on a later call.
 * - The next successful call resumes (one info line) and tells the `onResume` listeners, so the
 *   announcer records what changed meanwhile and the deliverer posts it. A pause caused by a
 *   write is only lifted by a successful write: reads of a full disk still work.
 *
 * Nobody has to probe: the callers retry on their own timers (the knowledge recorder with
 * backoff, the deliverer's loop, the reminder check), and any of them succeeding resumes.
 */
import type { Language } from '../core/answer.js';
import type { Vote } from '../curation/types.js';
import type { Logger } from '../log.js';
import type { AnnouncementEvent } from './events.js';
import type { Snapshot } from './snapshot.js';
import { StoreUnavailableError, type AnnouncementStore, type ChannelRef, type Delivery, type FailureUpdate, type LanguageSubject, type Platform } from './store.js';
import type { DeliveryFiguresStore, QuestionEvent, QuestionLogStore } from '../curation/types.js';

/** What the running bot keeps in its one store: the announcement state, the question log and the delivery figures. */
export type BotStore = AnnouncementStore & QuestionLogStore & DeliveryFiguresStore;

export interface StorePause {
  location: string;
  reason: string;
  /** Epoch ms since when. */
  since: number;
}

export interface ResilientStoreOptions {
  location: string;
  /** Opens the store and checks it can be trusted; throws (StoreUnavailableError) when not. */
  open(): Promise<BotStore>;
  logger: Logger;
  /** Minimum time between two attempts to open (default 1 s). */
  reopenMs?: number;
  now?: () => number;
}

type Access = 'read' | 'write';

export class ResilientStore implements BotStore {
  readonly location: string;
  private store: BotStore | undefined;
  private opening: Promise<BotStore> | undefined;
  private nextOpenAt = 0;
  private openError: StoreUnavailableError | undefined;
  private pause: (StorePause & { access: Access | 'open' }) | undefined;
  private readonly resumeListeners = new Set<() => void>();
  private readonly outboxListeners = new Set<() => void>();
  private readonly logger: Logger;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly o: ResilientStoreOptions) {
    this.location = o.location;
    this.logger = o.logger.child({ component: 'store' });
    this.now = o.now ?? Date.now;
  }

  /** Why announcements and subscriptions are paused; undefined while the store works. */
  paused(): StorePause | undefined {
    if (!this.pause) return undefined;
    const { access: _access, ...pause } = this.pause;
    return pause;
  }

  /** Called each time the store works again after a pause. */
  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  /**
   * Outbox changes recorded by other connections, from whichever store is open (each reopened
   * store is listened to afresh). Resolves at once; listening starts when the store opens.
   */
  async onOutboxChange(listener: () => void): Promise<() => Promise<void>> {
    this.outboxListeners.add(listener);
    return async () => void this.outboxListeners.delete(listener);
  }

  private listenToOutbox(store: AnnouncementStore): void {
    store
      .onOutboxChange?.(() => {
        for (const listener of this.outboxListeners) listener();
      })
      .catch((error: unknown) => this.logger.warn("cannot listen for outbox changes; other instances' deliveries wait for the next poll", { error }));
  }

  /** Opens now (at start-up, so that a bad store is reported at once); never throws. */
  async open(): Promise<boolean> {
    try {
      await this.current();
      if (this.pause?.access === 'open') this.resume();
      return true;
    } catch {
      return false;
    }
  }

  private current(): Promise<BotStore> {
    if (this.closed) return Promise.reject(new StoreUnavailableError(this.location, 'the store is closed (the bot is shutting down)'));
    if (this.store) return Promise.resolve(this.store);
    if (this.opening) return this.opening;
    if (this.openError && this.now() < this.nextOpenAt) return Promise.reject(this.openError);
    this.opening = this.o
      .open()
      .then(
        (store) => {
          this.openError = undefined;
          if (this.closed) {
            void store.close();
            throw new StoreUnavailableError(this.location, 'the store is closed (the bot is shutting down)');
          }
          this.store = store;
          this.listenToOutbox(store);
          return store;
        },
        (error: unknown) => {
          const e = asUnavailable(this.location, error);
          this.openError = e;
          this.nextOpenAt = this.now() + (this.o.reopenMs ?? 1000);
          this.pauseFor(e, 'open');
          throw e;
        },
      )
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  private async use<T>(access: Access, work: (store: BotStore) => Promise<T>): Promise<T> {
    const store = await this.current();
    try {
      const result = await work(store);
      if (this.pause && (access === 'write' || this.pause.access !== 'write')) this.resume();
      return result;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.pauseFor(error, access);
      if (error.options.reopen && this.store === store) {
        this.store = undefined;
        await store.close().catch(() => undefined);
      }
      throw error;
    }
  }

  private pauseFor(error: StoreUnavailableError, access: Access | 'open'): void {
    if (this.closed) return;
    const changed = this.pause?.reason !== error.reason;
    this.pause = { location: error.location, reason: error.reason, since: this.pause?.since ?? this.now(), access };
    if (changed) {
      this.logger.error('announcements and subscriptions paused: the store cannot be used (questions are still answered)', { store: error.location, reason: error.reason });
    }
  }

  private resume(): void {
    const pause = this.pause;
    if (!pause) return;
    this.pause = undefined;
    this.logger.info('announcements and subscriptions resumed: the store works again', { store: pause.location, pausedMs: this.now() - pause.since });
    for (const listener of this.resumeListeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error('store resume listener failed', { error });
      }
    }
  }

  check = () => this.use('read', (s) => s.check());
  subscribe = (channel: ChannelRef, by?: string) => this.use('write', (s) => s.subscribe(channel, by));
  unsubscribe = (channel: Pick<ChannelRef, 'platform' | 'channelId'>) => this.use('write', (s) => s.unsubscribe(channel));
  subscriptions = (platform?: Platform, workspaceId?: string) => this.use('read', (s) => s.subscriptions(platform, workspaceId));
  setSubscriptionLanguage = (channel: Pick<ChannelRef, 'platform' | 'channelId'>, language: Language) => this.use('write', (s) => s.setSubscriptionLanguage(channel, language));
  setLanguage = (subject: LanguageSubject, language: Language | undefined, by?: string) => this.use('write', (s) => s.setLanguage(subject, language, by));
  languages = (subjects: readonly LanguageSubject[]) => this.use('read', (s) => s.languages(subjects));
  lastAnnounced = () => this.use('read', (s) => s.lastAnnounced());
  commit = (expectedRevision: number, snapshot: Snapshot, events: AnnouncementEvent[], channels: ChannelRef[], now: number, knowledgeVersion?: number) =>
    this.use('write', (s) => s.commit(expectedRevision, snapshot, events, channels, now, knowledgeVersion));
  enqueue = (events: AnnouncementEvent[], channels: ChannelRef[], now: number) => this.use('write', (s) => s.enqueue(events, channels, now));
  due = (now: number, staleBefore: number, limit: number, platforms: readonly Platform[]) => this.use('write', (s) => s.due(now, staleBefore, limit, platforms));
  claim = (d: Delivery, now: number, staleBefore: number) => this.use('write', (s) => s.claim(d, now, staleBefore));
  markSent = (d: Delivery, messageId: string | undefined, now: number) => this.use('write', (s) => s.markSent(d, messageId, now));
  markFailed = (d: Delivery, update: FailureUpdate, now: number) => this.use('write', (s) => s.markFailed(d, update, now));
  nextDueAt = (platforms: readonly Platform[], staleMs: number) => this.use('read', (s) => s.nextDueAt(platforms, staleMs));
  outbox = (limit?: number) => this.use('read', (s) => s.outbox(limit));
  counts = () => this.use('read', (s) => s.counts());
  recordVote = (vote: Vote) => this.use('write', (s) => s.recordVote(vote));
  votes = (since: Date) => this.use('read', (s) => s.votes(since));
  curationSecret = () => this.use('write', (s) => s.curationSecret());
  logQuestion = (event: QuestionEvent) => this.use('write', (s) => s.logQuestion(event));
  questions = (since: Date) => this.use('read', (s) => s.questions(since));
  pruneQuestions = (before: Date) => this.use('write', (s) => s.pruneQuestions(before));
  deliveryFigures = (since: Date) => this.use('read', (s) => s.deliveryFigures(since));

  /** The open store, if any (tests reach the SQLite file through it). */
  inner(): BotStore | undefined {
    return this.store;
  }

  async close(): Promise<void> {
    this.closed = true;
    const store = this.store ?? (await this.opening?.catch(() => undefined));
    this.store = undefined;
    await store?.close();
  }
}

function asUnavailable(location: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(location, `the store cannot be opened (${error instanceof Error ? error.message : String(error)})`, { reopen: true, cause: error });
}
