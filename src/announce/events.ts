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
 *
 * Languages: each event is written, when it is found, in every language a subscription can pick
 * (EVENT_LANGUAGES), with the answers' catalogue and the record's Korean texts and names; each
 * delivery is posted in its subscription's language (`eventText`). Events recorded before
 * languages have English only.
 */
import type { Language, SourceRef } from '../core/answer.js';
import { locale, type Locale } from '../core/i18n/index.js';
import { agreementName, milestoneInfo, periodText, roundInfo } from '../core/intents/describe.js';
import { newest, upperBound } from '../knowledge/dates.js';
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

/** The source an announcement cites, as an answer cites its sources (without the record's id). */
export type EventSource = Omit<SourceRef, 'id'>;

/** What an announcement says, in one language. */
export interface EventText {
  /** "Round 3 of the 12th SMA talks: June 10–12, 2024, Washington" */
  headline: string;
  /** One or two lines of detail ('' when there is nothing to add). */
  detail: string;
  /** The source's publisher as this language names it (the glossary: 연합뉴스), when that differs from the record's. */
  publisher?: string;
}

/** The languages every announcement is written in when it is found (a subscription picks one). */
export const EVENT_LANGUAGES: readonly Language[] = ['en', 'ko'];

export interface AnnouncementEvent extends EventText {
  id: string;
  kind: EventKind;
  /** The round or agreement id the event is about. */
  subject: string;
  /** The headline and detail in the other languages (`headline`, `detail` are the English). */
  text?: Partial<Record<Language, EventText>>;
  source?: EventSource;
  /** Epoch ms after which posting it is pointless (a reminder once the round has started). */
  expiresAt?: number;
}

/** The event's text in `lang`; an event stored before it had other languages falls back to English. */
export function eventText(event: AnnouncementEvent, lang: Language): EventText {
  return event.text?.[lang] ?? { headline: event.headline, detail: event.detail };
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

type RoundKind = 'scheduled' | 'rescheduled' | 'held' | 'postponed' | 'cancelled' | 'reminder';

/** The newest of the cited sources: the one that reported what is announced. */
function sourceOf(kb: Knowledge, ids: string[]): EventSource | undefined {
  const sources = ids.map((id) => kb.sources.find((s) => s.id === id)).filter((s) => s !== undefined);
  const date = newest(sources.map((s) => s.published));
  const s = sources.find((x) => x.published === date);
  if (!s) return undefined;
  return {
    publisher: s.publisher,
    title: s.title,
    ...(s.url ? { url: s.url } : {}),
    date: s.published,
    ...(s.approximate ? { approximate: true } : {}),
    ...(s.note ? { note: s.note } : {}),
  };
}

/** Writes an event's text once per language, with the answers' catalogue, names and dates. */
function written(kb: Knowledge, source: EventSource | undefined, write: (l: Locale) => EventText): Pick<AnnouncementEvent, 'headline' | 'detail' | 'text'> {
  const [english, ...others] = EVENT_LANGUAGES.map((lang) => {
    const l = locale(kb, lang);
    const publisher = source ? l.name(source.publisher) : undefined;
    return [lang, { ...write(l), ...(publisher && publisher !== source?.publisher ? { publisher } : {}) }] as const;
  });
  return { ...english![1], text: Object.fromEntries(others) };
}

const agreementNumber = (kb: Knowledge, r: Pick<Round, 'agreement'>) => kb.agreements.find((a) => a.id === r.agreement)?.number;

/** What a round's event says besides its headline, given the locale. */
type RoundDetail = (l: Locale) => string;

function roundEvent(kb: Knowledge, r: Round, kind: EventKind, id: string, detail: RoundDetail): AnnouncementEvent {
  const source = sourceOf(kb, r.sources);
  const short = kind.replace(/^round-/, '') as RoundKind;
  return {
    id,
    kind,
    subject: r.id,
    ...written(kb, source, (l) => ({ headline: l.t.announce.round(l.t.announce.roundPrefix[short], roundInfo(l, r, agreementNumber(kb, r))), detail: detail(l) })),
    ...(source ? { source } : {}),
  };
}

/** A round as it stood before, in the locale's words: "May 14–15, 2018, Washington". */
const was = (l: Locale, s: RoundState) => l.t.announce.was({ start: s.start, end: s.end, place: l.name(s.place) });
const sentence = (text: string | undefined) => (text ? (/[.!?]$/.test(text) ? text : `${text}.`) : '');
const summaryOf = (l: Locale, r: Round) => sentence(l.text(r, 'summary'));

/** Kind and detail for a round that is new to the record, or whose status changed. */
function statusNews(r: Round, before: RoundState | undefined): { kind: EventKind; detail: RoundDetail } {
  const or = (fallback: (l: Locale) => string) => (l: Locale) => summaryOf(l, r) || fallback(l);
  switch (r.status) {
    case 'held':
      return { kind: 'round-held', detail: or((l) => l.t.announce.held) };
    case 'postponed':
    case 'cancelled':
      return { kind: `round-${r.status}`, detail: or((l) => (before ? l.t.announce.hadBeen(was(l, before)) : '')) };
    case 'scheduled':
      return before
        ? {
            kind: 'round-rescheduled',
            detail: (l) => {
              const a = l.t.announce;
              return [a.previously(a.statusWord[before.status], before.status === 'scheduled' ? undefined : was(l, before)), summaryOf(l, r)].filter(Boolean).join(' ');
            },
          }
        : { kind: 'round-scheduled', detail: or((l) => l.t.announce.scheduledNew) };
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
      events.push(roundEvent(kb, r, 'round-rescheduled', idFor('round-rescheduled', r.id), (l) => l.t.announce.previously(undefined, was(l, before))));
    }
  }

  for (const a of kb.agreements) {
    const before = prev.agreements[a.id]?.milestones ?? {};
    for (const k of MILESTONES) {
      const m = a[k];
      if (!m || before[k] || !isNews(upperBound(m.date))) continue;
      events.push(agreementEvent(kb, a, k, idFor(MILESTONE_KIND[k], a.id)));
    }
  }
  return events;
}

function agreementEvent(kb: Knowledge, a: Agreement, k: MilestoneKey, id: string): AnnouncementEvent {
  const m = a[k]!;
  const source = sourceOf(kb, m.sources);
  return {
    id,
    kind: MILESTONE_KIND[k],
    subject: a.id,
    ...written(kb, source, (l) => {
      const t = l.t.announce;
      const info = milestoneInfo(l, m);
      const name = t.agreementName(agreementName(l, a), periodText(l, a));
      return { headline: t.milestoneHeadline(t.milestone[k](name), info), detail: [info.by?.length ? t.by(info.by) : '', sentence(l.text(a, 'terms'))].filter(Boolean).join(' ') };
    }),
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
      ...roundEvent(kb, r, 'round-reminder', reminderId(r), (l) => summaryOf(l, r) || l.t.announce.opens(l.name(r.place), r.venue ? l.name(r.venue) : undefined)),
      expiresAt: roundStartMs(r),
    }));
}
