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
 * Languages: each event is written in English (`headline`, `detail`, `source`) and in Korean
 * (`ko`), from the same facts through the platform catalogue's templates (src/adapters/i18n,
 * `announce`) and the record's Korean texts and glossary names; each delivery is posted in its
 * subscription's language (`eventText`). Events recorded before languages have no `ko`: English.
 */
import { platformMessages } from '../adapters/i18n/index.js';
import type { Language } from '../core/answer.js';
import { locale } from '../core/i18n/index.js';
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
  /** The same event in Korean. */
  ko?: EventText;
}

export interface EventText {
  headline: string;
  detail: string;
  source?: EventSource;
}

/** The event as a channel in `lang` reads it: its Korean when it has one, else English. */
export function eventText(e: AnnouncementEvent, lang: Language = 'en'): EventText {
  if (lang === 'ko' && e.ko) return e.ko;
  return { headline: e.headline, detail: e.detail, ...(e.source ? { source: e.source } : {}) };
}

/** One event in both languages: built in English, and in Korean for its `ko`. */
function bilingual(build: (lang: Language) => AnnouncementEvent): AnnouncementEvent {
  const ko = build('ko');
  return { ...build('en'), ko: eventText(ko) };
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

const ROUND_PREFIX = (kind: EventKind, lang: Language): string => (platformMessages(lang).announce.prefix as Partial<Record<EventKind, string>>)[kind] ?? '';

/** The newest of the cited sources: the one that reported what is announced (its publisher in `lang`). */
function sourceOf(kb: Knowledge, ids: string[], lang: Language = 'en'): EventSource | undefined {
  const sources = ids.map((id) => kb.sources.find((s) => s.id === id)).filter((s) => s !== undefined);
  const date = newest(sources.map((s) => s.published));
  const s = sources.find((x) => x.published === date);
  return s ? { publisher: locale(kb, lang).name(s.publisher), title: s.title, ...(s.url ? { url: s.url } : {}), date: s.published } : undefined;
}

function roundTitle(kb: Knowledge, r: Pick<Round, 'agreement' | 'round' | 'label'>, lang: Language = 'en'): string {
  const a = kb.agreements.find((x) => x.id === r.agreement);
  return platformMessages(lang).announce.roundTitle(r.round, r.label, a?.number);
}

function roundEvent(kb: Knowledge, r: Round, kind: EventKind, id: string, detail: string, lang: Language = 'en'): AnnouncementEvent {
  const t = platformMessages(lang).announce;
  const l = locale(kb, lang);
  const when = t.when(r.start, r.end, l.text(r, 'when'));
  const source = sourceOf(kb, r.sources, lang);
  return {
    id,
    kind,
    subject: r.id,
    headline: t.headline(ROUND_PREFIX(kind, lang), roundTitle(kb, r, lang), when, l.name(r.place)),
    detail,
    ...(source ? { source } : {}),
  };
}

const was = (kb: Knowledge, s: RoundState, lang: Language = 'en') => platformMessages(lang).announce.was(s.start, s.end, locale(kb, lang).name(s.place));
const sentence = (text: string | undefined) => (text ? (/[.!?]$/.test(text) ? text : `${text}.`) : '');

/** Kind and detail for a round that is new to the record, or whose status changed. */
function statusNews(kb: Knowledge, r: Round, before: RoundState | undefined, lang: Language = 'en'): { kind: EventKind; detail: string } {
  const t = platformMessages(lang).announce;
  const summary = sentence(locale(kb, lang).text(r, 'summary'));
  switch (r.status) {
    case 'held':
      return { kind: 'round-held', detail: summary || t.heldNoOutcome };
    case 'postponed':
      return { kind: 'round-postponed', detail: summary || (before ? t.hadBeenScheduled(was(kb, before, lang)) : '') };
    case 'cancelled':
      return { kind: 'round-cancelled', detail: summary || (before ? t.hadBeenScheduled(was(kb, before, lang)) : '') };
    case 'scheduled':
      return before
        ? { kind: 'round-rescheduled', detail: [t.previously(before.status, before.status === 'scheduled' ? undefined : was(kb, before, lang)), summary].filter(Boolean).join(' ') }
        : { kind: 'round-scheduled', detail: summary || t.newRound };
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
      const { kind } = statusNews(kb, r, before);
      events.push(bilingual((lang) => roundEvent(kb, r, kind, idFor(kind, r.id), statusNews(kb, r, before, lang).detail, lang)));
      continue;
    }
    const moved = before.start !== r.start || (before.end ?? '') !== (r.end ?? '') || before.place !== r.place;
    // Only a scheduled round's move is news; a held or cancelled round's new dates are a correction.
    if (moved && r.status === 'scheduled') {
      events.push(bilingual((lang) => roundEvent(kb, r, 'round-rescheduled', idFor('round-rescheduled', r.id), platformMessages(lang).announce.previousDates(was(kb, before, lang)), lang)));
    }
  }

  for (const a of kb.agreements) {
    const before = prev.agreements[a.id]?.milestones ?? {};
    for (const k of MILESTONES) {
      const m = a[k];
      if (!m || before[k] || !isNews(m.date)) continue;
      events.push(bilingual((lang) => agreementEvent(kb, a, k, idFor(MILESTONE_KIND[k], a.id), lang)));
    }
  }
  return events;
}

function agreementEvent(kb: Knowledge, a: Agreement, k: MilestoneKey, id: string, lang: Language = 'en'): AnnouncementEvent {
  const t = platformMessages(lang).announce;
  const l = locale(kb, lang);
  const m = a[k]!;
  const name = t.agreementName(a.number, a.period.from, a.period.to);
  const by = m.by?.length ? t.by(k, m.by.map(l.name)) : '';
  const source = sourceOf(kb, m.sources, lang);
  return {
    id,
    kind: MILESTONE_KIND[k],
    subject: a.id,
    headline: t.milestoneHeadline(t.milestone[k](name), m.date, m.place ? l.name(m.place) : undefined),
    detail: [by, sentence(l.text(a, 'terms'))].filter(Boolean).join(' '),
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
      ...bilingual((lang) => {
        const l = locale(kb, lang);
        const detail = sentence(l.text(r, 'summary')) || platformMessages(lang).announce.opens(l.name(r.place), r.venue ? l.name(r.venue) : undefined);
        return roundEvent(kb, r, 'round-reminder', reminderId(r), detail, lang);
      }),
      expiresAt: roundStartMs(r),
    }));
}
