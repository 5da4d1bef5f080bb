/**
 * Turns knowledge changes and the clock into announcements. A valid new record is compared with
 * the last announced snapshot; the new snapshot, its events and one delivery per channel are
 * committed together (compare-and-set on the snapshot's revision, so two instances record an edit
 * once); a record older than the one announced (its knowledge version, `knowledgeVersion.ts`, is
 * lower: this instance pulled late) is not announced; reminders are queued before scheduled
 * rounds; the deliverer posts the outbox.
 *
 * On the very first start the current record becomes the baseline: history is not announced.
 */
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import type { Deliverer } from './delivery.js';
import { diff, dueReminders, type AnnouncementEvent } from './events.js';
import { knowledgeVersion } from './knowledgeVersion.js';
import { sameSnapshot, snapshotOf } from './snapshot.js';
import { StoreUnavailableError, type AnnouncementStore, type ChannelRef } from './store.js';
import { allChannels } from './subscriptions.js';

export interface AnnouncerOptions {
  store: AnnouncementStore;
  deliverer?: Deliverer;
  logger: Logger;
  /** Channels always subscribed (ANNOUNCE_SLACK_CHANNELS, ANNOUNCE_DISCORD_CHANNELS). */
  fixedChannels?: readonly ChannelRef[];
  /** Hours before a scheduled round's start at which the reminder goes out (ANNOUNCE_REMINDER_HOURS). */
  reminderHours?: number;
  /** Real time (never SMA_NOW, the answers' demo clock): news windows, reminders, expiry. */
  now?: () => Date;
  newsWindowDays?: number;
  /** An announcement not delivered within this time is dropped as stale (reminders: at the round's start). */
  maxAgeMs?: number;
}

export interface ChangeResult {
  baseline: boolean;
  /** This record is older than the one announced (a lower knowledge version): nothing was recorded. */
  older?: boolean;
  /** The revision of the announced state now. */
  revision: number;
  events: AnnouncementEvent[];
  deliveries: number;
}

const COMMIT_TRIES = 5;
const WEEK = 7 * 86_400_000;

export class Announcer {
  private readonly logger: Logger;

  constructor(private readonly o: AnnouncerOptions) {
    this.logger = o.logger.child({ component: 'announce' });
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** Every channel that receives announcements. */
  channels(): Promise<ChannelRef[]> {
    return allChannels(this.o.store, this.o.fixedChannels ?? []);
  }

  /** What the record would announce against the last announced state; nothing is written. */
  async preview(kb: Knowledge): Promise<ChangeResult> {
    const last = await this.o.store.lastAnnounced();
    if (!last) return { baseline: true, revision: 0, events: [], deliveries: 0 };
    const events = this.changes(last.snapshot, kb, last.revision + 1);
    return { baseline: false, revision: last.revision, events, deliveries: events.length ? events.length * (await this.channels()).length : 0 };
  }

  private changes(prev: Parameters<typeof diff>[0], kb: Knowledge, revision: number): AnnouncementEvent[] {
    const now = this.now();
    const expires = now.getTime() + (this.o.maxAgeMs ?? WEEK);
    return diff(prev, kb, { now, revision, ...(this.o.newsWindowDays !== undefined ? { newsWindowDays: this.o.newsWindowDays } : {}) }).map((e) => ({
      ...e,
      expiresAt: e.expiresAt ?? expires,
    }));
  }

  /** A new valid record (at start-up and after every valid edit): announce what changed. */
  async knowledgeChanged(kb: Knowledge): Promise<ChangeResult> {
    const snapshot = snapshotOf(kb);
    const version = knowledgeVersion(kb);
    for (let attempt = 1; attempt <= COMMIT_TRIES; attempt++) {
      const now = this.now();
      const last = await this.o.store.lastAnnounced();
      if (!last) {
        if ((await this.o.store.commit(0, snapshot, [], [], now.getTime(), version)).committed) {
          this.logger.info('announcements: first start, the current record is the baseline (history is not announced)');
          return { baseline: true, revision: 1, events: [], deliveries: 0 };
        }
        continue; // another instance took the baseline first
      }
      if (sameSnapshot(last.snapshot, snapshot)) return { baseline: false, revision: last.revision, events: [], deliveries: 0 };
      if (last.knowledgeVersion > version) {
        this.logger.warn("announcements: this knowledge is older than the one announced already; not announced (update this instance's knowledge folder)", {
          knowledgeVersion: version,
          announcedVersion: last.knowledgeVersion,
          revision: last.revision,
        });
        return { baseline: false, older: true, revision: last.revision, events: [], deliveries: 0 };
      }
      const events = this.changes(last.snapshot, kb, last.revision + 1);
      const channels = events.length ? await this.channels() : [];
      const { committed, deliveries } = await this.o.store.commit(last.revision, snapshot, events, channels, now.getTime(), version);
      if (!committed) continue; // another instance recorded a change meanwhile: diff against it
      await this.suppressRedundantReminders(kb, events, now);
      this.logger.info('announcements: knowledge changed', {
        revision: last.revision + 1,
        knowledgeVersion: version,
        events: events.map((e) => e.id),
        channels: channels.length,
        deliveries,
      });
      if (deliveries) this.o.deliverer?.kick();
      return { baseline: false, revision: last.revision + 1, events, deliveries };
    }
    throw new Error(`announcements: the announced state changed ${COMMIT_TRIES} times while recording this edit`);
  }

  /**
   * A round scheduled or moved at short notice is announced with its dates already; a reminder
   * right after would repeat it. Recording the reminder with no deliveries makes it "sent".
   */
  private async suppressRedundantReminders(kb: Knowledge, events: AnnouncementEvent[], now: Date): Promise<void> {
    const announced = new Set(events.filter((e) => e.kind === 'round-scheduled' || e.kind === 'round-rescheduled').map((e) => e.subject));
    if (!announced.size) return;
    const due = dueReminders(kb, now, this.o.reminderHours ?? 24).filter((r) => announced.has(r.subject));
    if (due.length) await this.o.store.enqueue(due, [], now.getTime());
  }

  /** Queues the reminders due now (each once, ever). Returns the deliveries created. */
  async remind(kb: Knowledge): Promise<number> {
    const now = this.now();
    const events = dueReminders(kb, now, this.o.reminderHours ?? 24);
    if (!events.length) return 0;
    const created = await this.o.store.enqueue(events, await this.channels(), now.getTime());
    if (created) {
      this.logger.info('announcements: reminders queued', { events: events.map((e) => e.id), deliveries: created });
      this.o.deliverer?.kick();
    }
    return created;
  }

  /** Checks for due reminders now and every `intervalMs` against the knowledge of the moment. */
  startReminders(knowledge: () => Knowledge, intervalMs = 60_000): { stop(): void } {
    const check = () =>
      void this.remind(knowledge()).catch((error: unknown) => {
        // A store fault is logged once, as the pause; the next check (or the resume) tries again.
        if (error instanceof StoreUnavailableError) this.logger.debug('announcements: reminder check waits for the store', { reason: error.reason });
        else this.logger.error('announcements: reminder check failed', { error });
      });
    check();
    const timer = setInterval(check, intervalMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
}
