/**
 * The announcement state behind one small interface: subscriptions, the last announced snapshot of
 * the record (with a revision number), and the outbox of (event, channel) deliveries.
 *
 * SQLite implements it for a single instance (`sqliteStore.ts`), Postgres for several instances
 * behind a load balancer (`postgresStore.ts`); every method is async, and each operation is one
 * statement or one transaction in both:
 *
 * - `commit` is a compare-and-set on the snapshot's revision (`UPDATE … WHERE revision = $expected`)
 *   that also refuses a knowledge version older than the one announced (`knowledgeVersion.ts`),
 *   so two instances that saw the same edit record its events once, and a late one never
 *   announces an older record as news;
 * - `enqueue` is `INSERT … ON CONFLICT DO NOTHING` on the event id (reminders have fixed ids);
 * - `claim` is a single-row `UPDATE … WHERE status = 'pending'` (or a stale 'sending'): the row
 *   count says whether this instance won the delivery, so only one instance ever posts it.
 *   (Postgres: `UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)`, so a claim never waits for
 *   another session's claim of the same row: it loses at once.)
 *
 * The contract both follow is one test suite, `test/announce/storeContract.ts`.
 *
 * Faults: a method rejects with `StoreUnavailableError` when the state cannot be read or written
 * (cannot be opened, disk full, read-only, corrupt, locked by another process for too long), with
 * a reason an operator can act on. Waiting for a lock never blocks the event loop: it is retried
 * asynchronously inside the method. Any other error is a bug. `resilientStore.ts` turns these
 * errors into "announcements paused" and resumes when the store works again.
 */
import type { Language } from '../core/answer.js';
import type { SecretKeeper } from '../curation/secret.js';
import type { FeedbackStore } from '../curation/types.js';
import type { AnnouncementEvent } from './events.js';
import type { Snapshot } from './snapshot.js';

export type Platform = 'slack' | 'discord';
export const PLATFORMS: readonly Platform[] = ['slack', 'discord'];

export interface ChannelRef {
  platform: Platform;
  /** Slack team id or Discord guild id ('' when unknown, e.g. channels from the environment). */
  workspaceId: string;
  channelId: string;
  /**
   * Discord: what the channel was when it subscribed (`/sma-admin subscribe`): its type
   * (ChannelType; 5 = announcement, whose posts are published to following servers) and the bot's
   * permissions there (a decimal bitfield). Absent when not known (channels from the environment,
   * subscriptions from before they were recorded): the poster then asks Discord.
   */
  channelType?: number;
  permissions?: string;
  /**
   * The language the channel's announcements are written in (`/sma subscribe ko`); absent means
   * English, the default (channels from the environment are English).
   */
  language?: Language;
}

/**
 * Whose answer-language choice (`/sma language`): a user's (Slack: per workspace, so `workspaceId`
 * is the team; Discord: users are global, `workspaceId` is '') or a channel's.
 */
export type LanguageScope = 'user' | 'channel';

export interface LanguageSubject {
  platform: Platform;
  scope: LanguageScope;
  workspaceId: string;
  /** The user id or the channel id. */
  subjectId: string;
}

export const channelKey = (c: Pick<ChannelRef, 'platform' | 'channelId'>) => `${c.platform}:${c.channelId}`;

/**
 * pending → sending (claimed) → sent; or back to pending for a retry; or failed (for good) or
 * expired (too late to be news, e.g. a reminder for a round that has started).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'expired';

export interface Delivery {
  event: AnnouncementEvent;
  channel: ChannelRef;
  status: DeliveryStatus;
  /** Posts started (claims) so far. */
  attempts: number;
  /** Epoch ms before which the delivery must not be tried. */
  nextAttemptAt: number;
  /** Epoch ms the delivery was recorded: no announcement of it can be older. */
  createdAt: number;
  /**
   * An earlier attempt may have posted without us knowing (the process died mid-post, or the
   * platform failed in a way that does not say whether the message was created). The poster
   * must make sure it does not post twice (Discord: the same nonce; Slack: look first).
   */
  uncertain: boolean;
  lastError?: string;
}

export interface Announced {
  /** 1 for the baseline, +1 for every committed change. */
  revision: number;
  /** The knowledge version of the snapshot (`knowledgeVersion.ts`); never goes down. 0 = unknown (a store from before versions). */
  knowledgeVersion: number;
  snapshot: Snapshot;
}

export interface FailureUpdate {
  error: string;
  /** Try again at this epoch ms; undefined = failed for good. */
  retryAt?: number;
  /** This attempt may have posted (see Delivery.uncertain). */
  uncertain: boolean;
}

/** Why the store cannot be used now, for the logs and the `/sma` admin replies. */
export class StoreUnavailableError extends Error {
  constructor(
    /** Where the state lives: a file path, or a database URL without credentials. */
    readonly location: string,
    /** What is wrong, in words an operator acts on ("the disk is full (SQLITE_FULL: …)"). */
    readonly reason: string,
    readonly options: {
      /** The connection is no good (corrupt, cannot be opened, I/O error): open it afresh before the next try. */
      reopen?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(`${location}: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreUnavailableError';
  }
}

export interface StoreCheck {
  ok: boolean;
  location: string;
  /** Every problem found (SQLite: `PRAGMA quick_check` lines, a wrong schema version); empty when ok. */
  problems: string[];
}

/**
 * Beside the announcement state, the same store keeps the readers' votes on answers
 * (`FeedbackStore`: one row per answer and voter, `recordVote` an upsert that says whether it was
 * new, changed or the same) and the secret voter ids are hashed with when the operator set none.
 */
export interface AnnouncementStore extends FeedbackStore, SecretKeeper {
  /** Where the state lives: a file path, or a database URL without credentials. */
  readonly location: string;
  /** Verifies the stored state can be trusted: integrity (SQLite: `PRAGMA quick_check`) and the schema version. Writes nothing. */
  check(): Promise<StoreCheck>;

  /** True when newly subscribed. Subscribing again keeps the subscription and records the channel's type and permissions anew (when given). */
  subscribe(channel: ChannelRef, by?: string): Promise<boolean>;
  /** True when it was subscribed. */
  unsubscribe(channel: Pick<ChannelRef, 'platform' | 'channelId'>): Promise<boolean>;
  subscriptions(platform?: Platform, workspaceId?: string): Promise<ChannelRef[]>;
  /** Sets a subscribed channel's announcement language; true when it was subscribed and the language changed. */
  setSubscriptionLanguage(channel: Pick<ChannelRef, 'platform' | 'channelId'>, language: Language): Promise<boolean>;

  /** Records (or, with `undefined`, forgets: "auto") an answer-language choice; true when it changed. */
  setLanguage(subject: LanguageSubject, language: Language | undefined, by?: string): Promise<boolean>;
  /** The choices of these subjects, in the same order (undefined: no choice). */
  languages(subjects: readonly LanguageSubject[]): Promise<(Language | undefined)[]>;

  /** The state last announced; undefined before the very first start. */
  lastAnnounced(): Promise<Announced | undefined>;
  /**
   * Records the new snapshot as revision `expectedRevision + 1`, with its events and one delivery
   * per channel, in one transaction — only if the stored revision is still `expectedRevision`
   * (0 = none yet) and the stored knowledge version is not newer than `knowledgeVersion`.
   * `committed: false` means someone else committed first (read and diff again), or a newer
   * knowledge was announced already (the re-read shows it).
   */
  commit(
    expectedRevision: number,
    snapshot: Snapshot,
    events: AnnouncementEvent[],
    channels: ChannelRef[],
    now: number,
    knowledgeVersion?: number,
  ): Promise<{ committed: boolean; deliveries: number }>;
  /** Adds events (reminders) without touching the snapshot; an event id seen before is skipped. Returns deliveries created. */
  enqueue(events: AnnouncementEvent[], channels: ChannelRef[], now: number): Promise<number>;

  /**
   * Deliveries that may be tried at `now` on these platforms, oldest event first: pending and due,
   * or stuck in 'sending' since before `staleBefore` (their process died mid-post). Not claimed:
   * call `claim` right before posting each. Expired ones are marked expired on the way.
   */
  due(now: number, staleBefore: number, limit: number, platforms: readonly Platform[]): Promise<Delivery[]>;
  /** Takes the delivery for this instance; false when another instance (or an earlier pass) has it. */
  claim(d: Delivery, now: number, staleBefore: number): Promise<boolean>;
  markSent(d: Delivery, messageId: string | undefined, now: number): Promise<void>;
  markFailed(d: Delivery, update: FailureUpdate, now: number): Promise<void>;
  /** The earliest epoch ms at which something on these platforms becomes due; undefined when nothing is waiting. */
  nextDueAt(platforms: readonly Platform[], staleMs: number): Promise<number | undefined>;
  /** Deliveries not sent (pending, sending, failed, expired), oldest first, at most `limit`. */
  outbox(limit?: number): Promise<Delivery[]>;
  /** Counts of deliveries by status (`sma announce --dry-run`, the logs, the tests). */
  counts(): Promise<Record<DeliveryStatus, number>>;
  /**
   * Calls `listener` soon after another connection (another instance, the CLI) records deliveries,
   * so a deliverer sleeping until its next poll wakes at once (Postgres: LISTEN/NOTIFY). Absent
   * where only this process writes (SQLite). Resolves once listening; the result stops it.
   */
  onOutboxChange?(listener: () => void): Promise<() => Promise<void>>;
  /** Releases the connection; waits for nothing else (stop the deliverer first). Safe to call twice. */
  close(): Promise<void>;
}
