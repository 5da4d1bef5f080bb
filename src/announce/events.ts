/**
 * Announcement events: what changed between the last announced snapshot and the new record, plus
 * reminders shortly before a scheduled round. Only news is announced:
 *
 * - a round scheduled (new, or back from postponed/cancelled), moved (dates or place of a
 *   scheduled round), held (with its summary), postponed or cancelled;
 * - an agreement reached, initialed, signed, ratified or in force (a milestone that appears);
 * - nothing for corrections of the past (dates of a round already held, a milestone's date
 *   changed) and nothing for history a curator back-fills: a round that ended, or a milestone
 *   dated, more than `newsWindowDays` before now. Answers change at once either way.
 *
 * Ids: a change event is `kind:subject@revision` (the snapshot revision that records it: the
 * store's compare-and-set commits each revision once, so the id is unique, and a round moved
 * back and forth is announced every time). A reminder is `round-reminder:round:start`, fixed,
 * so the store's insert-once rule sends it once ever, on any number of instances.
 */
import { formatDate, formatRange, ordinal } from '../core/format.js';
import { newest } from '../knowledge/dates.js';
import type { Agreement, Knowledge, Round } from '../knowledge/schema.js';
import { MILESTONES, type MilestoneKey, type RoundState, type Snapshot } from './snapshot.js';

export type EventKind =
  | 'round-scheduled'
  | 'round-rescheduled'
  | 'round-held'
  | 'round-postponed'
  | 'round-cancelled'
  | 'round-reminder'
  | `agreement-${'agreed' | 'initialed' | 'signed' | 'ratified' | 'in-force'}`;

export interface EventSource {
  publisher: string;
  title: string;
  url?: string;
  /** As given: YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string;
}

export interface AnnouncementEvent {
  id: string;
  kind: EventKind;
  /** The round or agreement id the event is about. */
  subject: string;
  /** "Round 3 of the 12th SMA talks: June 10–12, 2024, Washington" */
  headline: string;
  /** One or two lines of detail ('' when there is nothing to add). */
  detail: string;
  source?: EventSource;
  /** Epoch ms after which posting it is pointless (a reminder once the round has started). */
  expiresAt?: number;
}

export const DEFAULT_NEWS_WINDOW_DAYS = 30;
const DAY = 86_400_000;

const MILESTONE_KIND: Record<MilestoneKey, EventKind> = {
  agreed: 'agreement-agreed',
  initialed: 'agreement-initialed',
  signed: 'agreement-signed',
  ratified: 'agreement-ratified',
  inForce: 'agreement-in-force',
};

const ROUND_PREFIX: Partial<Record<EventKind, string>> = {
  'round-rescheduled': 'Rescheduled: ',
  'round-held': 'Held: ',
  'round-postponed': 'Postponed: ',
  'round-cancelled': 'Cancelled: ',
  'round-reminder': 'Starting soon: ',
};

/** The newest of the cited sources: the one that reported what is announced. */
function sourceOf(kb: Knowledge, ids: string[]): EventSource | undefined {
  const sources = ids.map((id) => kb.sources.find((s) => s.id === id)).filter((s) => s !== undefined);
  const date = newest(sources.map((s) => s.published));
  const s = sources.find((x) => x.published === date);
  return s ? { publisher: s.publisher, title: s.title, ...(s.url ? { url: s.url } : {}), date: s.published } : undefined;
}

function roundTitle(kb: Knowledge, r: Pick<Round, 'agreement' | 'round' | 'label'>): string {
  const a = kb.agreements.find((x) => x.id === r.agreement);
  const of = a ? ` of the ${ordinal(a.number)} SMA talks` : '';
  return r.label ? `The ${r.label} round${of}` : `Round ${r.round}${of}`;
}

function roundEvent(kb: Knowledge, r: Round, kind: EventKind, id: string, detail: string): AnnouncementEvent {
  const when = r.when ? `${r.when} (${formatRange(r.start, r.end)})` : formatRange(r.start, r.end);
  const source = sourceOf(kb, r.sources);
  return {
    id,
    kind,
    subject: r.id,
    headline: `${ROUND_PREFIX[kind] ?? ''}${roundTitle(kb, r)}: ${when}, ${r.place}`,
    detail,
    ...(source ? { source } : {}),
  };
}

const was = (s: RoundState) => `${formatRange(s.start, s.end)}, ${s.place}`;
const sentence = (text: string | undefined) => (text ? (/[.!?]$/.test(text) ? text : `${text}.`) : '');

/** Kind and detail for a round that is new to the record, or whose status changed. */
function statusNews(r: Round, before: RoundState | undefined): { kind: EventKind; detail: string } {
  const summary = sentence(r.summary);
  switch (r.status) {
    case 'held':
      return { kind: 'round-held', detail: summary || 'The round was held; no outcome has been recorded yet.' };
    case 'postponed':
      return { kind: 'round-postponed', detail: summary || (before ? `It had been scheduled for ${was(before)}.` : '') };
    case 'cancelled':
      return { kind: 'round-cancelled', detail: summary || (before ? `It had been scheduled for ${was(before)}.` : '') };
    case 'scheduled':
      return before
        ? { kind: 'round-rescheduled', detail: [`Previously ${before.status}${before.status === 'scheduled' ? '' : ` (${was(before)})`}.`, summary].filter(Boolean).join(' ') }
        : { kind: 'round-scheduled', detail: summary || 'A new round of the defense cost-sharing talks has been scheduled.' };
  }
}

export interface DiffOptions {
  now: Date;
  /** The revision these events will be recorded under (part of their ids). */
  revision: number;
  newsWindowDays?: number;
}

/** Events between the last announced snapshot and the record now. */
export function diff(prev: Snapshot, kb: Knowledge, o: DiffOptions): AnnouncementEvent[] {
  const horizon = new Date(o.now.getTime() - (o.newsWindowDays ?? DEFAULT_NEWS_WINDOW_DAYS) * DAY).toISOString().slice(0, 10);
  const isNews = (date: string) => date >= horizon;
  const idFor = (kind: EventKind, subject: string) => `${kind}:${subject}@${o.revision}`;
  const events: AnnouncementEvent[] = [];

  for (const r of kb.rounds) {
    if (!isNews(r.end ?? r.start)) continue; // history: back-filled or corrected, not news
    const before = prev.rounds[r.id];
    if (!before || before.status !== r.status) {
      const { kind, detail } = statusNews(r, before);
      events.push(roundEvent(kb, r, kind, idFor(kind, r.id), detail));
      continue;
    }
    const moved = before.start !== r.start || (before.end ?? '') !== (r.end ?? '') || before.place !== r.place;
    // Only a scheduled round's move is news; a held or cancelled round's new dates are a correction.
    if (moved && r.status === 'scheduled') {
      events.push(roundEvent(kb, r, 'round-rescheduled', idFor('round-rescheduled', r.id), `Previously ${was(before)}.`));
    }
  }

  for (const a of kb.agreements) {
    const before = prev.agreements[a.id]?.milestones ?? {};
    for (const k of MILESTONES) {
      const m = a[k];
      if (!m || before[k] || !isNews(m.date)) continue;
      events.push(agreementEvent(kb, a, k, idFor(MILESTONE_KIND[k], a.id)));
    }
  }
  return events;
}

const MILESTONE_HEADLINE: Record<MilestoneKey, (name: string) => string> = {
  agreed: (name) => `Agreement reached on the ${name}`,
  initialed: (name) => `The ${name} is initialed`,
  signed: (name) => `The ${name} is signed`,
  ratified: (name) => `The ${name} is ratified`,
  inForce: (name) => `The ${name} is in force`,
};

function agreementEvent(kb: Knowledge, a: Agreement, k: MilestoneKey, id: string): AnnouncementEvent {
  const m = a[k]!;
  const period = a.period.from === a.period.to ? `${a.period.from}` : `${a.period.from}–${a.period.to}`;
  const name = `${ordinal(a.number)} SMA (${period})`;
  const by = m.by?.length ? `By ${m.by.join(' and ')}.` : '';
  const source = sourceOf(kb, m.sources);
  return {
    id,
    kind: MILESTONE_KIND[k],
    subject: a.id,
    headline: `${MILESTONE_HEADLINE[k](name)}: ${formatDate(m.date)}${m.place ? `, ${m.place}` : ''}`,
    detail: [by, sentence(a.terms)].filter(Boolean).join(' '),
    ...(source ? { source } : {}),
  };
}

/** When a round starts, for reminders: the start day at 00:00 UTC (the record has days, not hours). */
const roundStartMs = (r: Pick<Round, 'start'>) => Date.parse(`${r.start}T00:00:00Z`);

const reminderId = (r: Pick<Round, 'id' | 'start'>) => `round-reminder:${r.id}:${r.start}`;

/**
 * Reminders due at `now`: scheduled rounds whose start is at most `leadHours` away and not yet
 * reached. None for a round already started, postponed or cancelled, and none for a round known
 * only roughly (`when`: "the second week of April"), whose start day is not known. Each expires
 * when the round starts: a reminder delivered late is wrong, not late.
 */
export function dueReminders(kb: Knowledge, now: Date, leadHours: number): AnnouncementEvent[] {
  const t = now.getTime();
  return kb.rounds
    .filter((r) => r.status === 'scheduled' && !r.when)
    .filter((r) => {
      const start = roundStartMs(r);
      return t < start && t >= start - leadHours * 3_600_000;
    })
    .map((r) => ({
      ...roundEvent(kb, r, 'round-reminder', reminderId(r), sentence(r.summary) || `The round opens ${r.venue ? `at ${r.venue}, ` : 'in '}${r.place}.`),
      expiresAt: roundStartMs(r),
    }));
}
