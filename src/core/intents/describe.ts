/**
 * Table rows as the catalogues write them, shared by the intents so a round or an agreement reads
 * the same wherever it appears: names and places through the glossary, free text from the row's
 * `ko` fields in Korean, dates left as ISO for the catalogue to format.
 */
import type { Agreement, Milestone, Negotiator, Round } from '../../knowledge/schema.js';
import type { Locale } from '../i18n/index.js';
import type { MilestoneInfo, NegotiatorInfo, RoundInfo, RoundState } from '../i18n/types.js';

export const agreementName = (l: Locale, a: Agreement) => l.t.names.agreement(a.number);

export function periodText(l: Locale, a: Agreement): string {
  return l.t.names.period(a.period.from, a.period.to);
}

/** "round 4 of the 10th SMA talks" (or its unofficial label). */
export function roundName(l: Locale, r: Round, agreementNumber: number | undefined): string {
  return l.t.names.round(r.round, r.label, agreementNumber ? l.t.names.agreement(agreementNumber) : undefined);
}

/**
 * How a round stands on `day`: a round that had not begun is given as scheduled, never with its
 * outcome; one under way, as under way.
 */
function roundState(r: Round, day?: string): RoundState {
  if (day && r.start > day) return 'future';
  if (day && (r.end ?? r.start) >= day && r.status === 'held') return 'underway';
  return r.status;
}

/** A round as the catalogues describe it: dates, place, what is known on `day`, conflicting dates kept. */
export function roundInfo(l: Locale, r: Round, agreementNumber: number | undefined, day?: string): RoundInfo {
  return {
    name: roundName(l, r, agreementNumber),
    round: r.round,
    label: r.label,
    start: r.start,
    end: r.end,
    when: l.text(r, 'when'),
    place: l.name(r.place),
    venue: r.venue ? l.name(r.venue) : undefined,
    remote: l.isVenue(r.place),
    state: roundState(r, day),
    summary: l.text(r, 'summary'),
    dateNote: l.text(r, 'dateNote'),
    variants: (r.variants ?? []).map((v) => ({ start: v.start, end: v.end, note: l.text(v, 'note')! })),
  };
}

export function describeRound(l: Locale, r: Round, agreementNumber: number | undefined, day?: string): string {
  return l.t.round.describe(roundInfo(l, r, agreementNumber, day));
}

export function negotiatorInfo(l: Locale, n: Negotiator): NegotiatorInfo {
  // The row's own Korean title first (titles vary by negotiator), then the glossary's, then as recorded.
  const title = (l.lang === 'ko' ? n.ko?.title : undefined) ?? l.name(n.title);
  return { name: l.name(n.name), title, from: n.from, to: n.to };
}

export function milestoneInfo(l: Locale, m: Milestone): MilestoneInfo {
  return { date: m.date, place: m.place ? l.name(m.place) : undefined, by: m.by?.map(l.name), note: l.text(m, 'note') };
}

/** The number of days a round ran, first and last day included. */
export function roundDays(r: Round): number {
  return Math.round((Date.parse(r.end ?? r.start) - Date.parse(r.start)) / 86400000) + 1;
}
