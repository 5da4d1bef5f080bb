/**
 * Dates in a question, absolute or relative to the clock ("feb 10 2019", "oct 2024", "yesterday",
 * "last week", "this yr"), found by chrono-node and turned into day ranges the tables can be
 * searched with. "Now" words (rn, today, currently) are left to the lexicon's `now` concept: they
 * mean "at the clock", which every intent already resolves.
 */
import { createRequire } from 'node:module';
import type { ParsedComponents } from 'chrono-node';
import type * as ChronoEn from 'chrono-node/en';
import { findYearParts, withoutYearParts } from './yearParts.js';

/**
 * chrono-node's English parser, loaded on first use: most questions hold no date phrase, and the
 * package's entry point imports every locale (266 modules, about a third of `sma ask`'s start-up
 * through tsx); English alone is 52. Synchronous because analysing a question is.
 */
let chronoEn: typeof ChronoEn | undefined;
const chrono = () => (chronoEn ??= createRequire(import.meta.url)('chrono-node/en') as typeof ChronoEn);

/** `season`: a season of a year ("summer 2020"); `part`: its early, mid or late months, a half or a quarter (yearParts.ts). */
export type Grain = 'day' | 'week' | 'month' | 'season' | 'part' | 'year' | 'span';

export interface DateRange {
  /** First and last day, ISO. */
  from: string;
  to: string;
  grain: Grain;
}

export interface FoundDate extends DateRange {
  /** Where the date phrase stands in the text, and its words. */
  index: number;
  text: string;
}

const NOW_ONLY = /^(now|right now|today|tonight|currently|this moment|at the moment)$/i;
const CUE = /\b(yesterday|tomorrow|today|week|month|year|yr|ago|last|next|this|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * "After 2021": the years after it, open-ended. Asked "what did Welton do after 2021?", a fact
 * whose dates all fall earlier does not answer. ("Since" and "before" are left as years: "had
 * workers been furloughed before 2020?" is answered by 2020's first furlough, and "since 1991"
 * names the year things began.)
 */
const AFTER_YEAR = /\bafter\s+((?:19|20)\d\d)\b(?!\s*[-–—/]\s*\d)/gi;
const FAR_FUTURE = '9999-12-31';

function openSpans(text: string): FoundDate[] {
  return [...text.matchAll(AFTER_YEAR)].map((m) => ({ from: `${Number(m[1]) + 1}-01-01`, to: FAR_FUTURE, grain: 'span' as const, index: m.index, text: m[0] }));
}

export function findDates(raw: string, now: Date): FoundDate[] {
  // Parts of a year first ("summer 2020", "late 2018"): chrono would keep only their year.
  const parts = findYearParts(raw, now);
  const spans = openSpans(raw);
  let rest = parts.length ? withoutYearParts(raw, parts) : raw;
  for (const s of spans) rest = rest.slice(0, s.index) + ' '.repeat(s.text.length) + rest.slice(s.index + s.text.length);
  const out: FoundDate[] = [...parts, ...spans];
  // A cheap gate: most questions hold no date phrase, and chrono is the costliest step.
  if (!CUE.test(rest)) return out;
  for (const r of chrono().parse(rest, { instant: now, timezone: 0 })) {
    const text = r.text.trim();
    if (NOW_ONLY.test(text)) continue;
    const known = r.start.isCertain.bind(r.start);
    const relative = /\b(yesterday|tomorrow|week|month|year|yr|ago|last|next|this)\b/i.test(text);
    // "the 12th" alone is an ordinal, not a day of this month; "february 10" without a year is
    // not this year's February (the record is history): its words stay words.
    if (!known('year') && !relative) continue;
    const y = r.start.get('year')!;
    const m = r.start.get('month')!;
    const d = r.start.get('day')!;
    let range: DateRange;
    if (/\bweek\b/i.test(text)) {
      // chrono dates "this week" by the Sunday that starts it (the US week): on any other day that
      // Sunday lies in the Monday-based week before, so "this week" is the clock's own week.
      const day = /\bthis week\b/i.test(text) ? utc(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()) : utc(y, m, d);
      const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400000);
      range = { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * 86400000)), grain: 'week' };
    } else if (known('day') || /\b(yesterday|tomorrow|days? ago)\b/i.test(text)) {
      range = { from: iso(utc(y, m, d)), to: iso(utc(y, m, d)), grain: 'day' };
    } else if (known('month') || /\bmonth\b/i.test(text)) {
      range = { from: iso(utc(y, m, 1)), to: iso(utc(y, m + 1, 0)), grain: 'month' };
    } else {
      range = { from: `${y}-01-01`, to: `${y}-12-31`, grain: 'year' };
    }
    out.push({ ...range, index: r.index, text: r.text });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Whether a day (or a partial date, "2018-11") falls within a range. */
export function within(day: string, range: DateRange): boolean {
  return day.slice(0, 10) >= range.from.slice(0, day.length) && day.slice(0, 10) <= range.to.slice(0, day.length);
}

/** Whether two day spans overlap. */
export function overlaps(from: string, to: string, range: DateRange): boolean {
  return from <= range.to && to >= range.from;
}

/**
 * What datesIn found, by as-of day and text: chrono takes milliseconds a text, the record's answers
 * are the same at every load (a reload, each test's responder), and `sma ask` restores them from the
 * record's snapshot instead of loading chrono at all. Bounded: a long-running bot reloads edits.
 */
const foundDates = new Map<string, string[]>();
const MAX_FOUND_DATES = 100_000;
const foundKey = (text: string, asOf: string) => `${asOf}\n${text}`;

/** Every full date a text mentions ("April 5, 2019", "March 7–9, 2018" gives the 7th): for facts. */
export function datesIn(text: string, asOf: string): string[] {
  const key = foundKey(text, asOf);
  let dates = foundDates.get(key);
  if (!dates) {
    dates = parseDatesIn(text, asOf);
    if (foundDates.size >= MAX_FOUND_DATES) foundDates.clear();
    foundDates.set(key, dates);
  }
  return dates;
}

/** datesIn's results for these texts, to keep beside the record (see knowledge/cache.ts). */
export function datesFound(texts: { text: string; asOf: string }[]): Record<string, string[]> {
  return Object.fromEntries(texts.map(({ text, asOf }) => [foundKey(text, asOf), datesIn(text, asOf)]));
}

/** Results kept by datesFound, taken as found (they are only read back from a snapshot of the same code and record). */
export function restoreDatesFound(found: Record<string, string[]>): void {
  for (const [key, dates] of Object.entries(found)) if (Array.isArray(dates) && dates.every((d) => typeof d === 'string')) foundDates.set(key, dates);
}

function parseDatesIn(text: string, asOf: string): string[] {
  const ref = new Date(`${asOf}T12:00:00Z`);
  // "By mid-2020": every month of the part, so a question about summer 2020 meets it.
  const parts = findYearParts(text, ref);
  const months = parts.flatMap((p) => monthsOf(p.from, p.to));
  const rest = parts.length ? withoutYearParts(text, parts) : text;
  if (!CUE.test(rest)) return months;
  // chrono reads "May 1-2, 2025" as a range but not with the en dash the record writes.
  const plain = rest.replace(/(\d)\s*[–—]\s*(\d)/g, '$1-$2');
  const day = (c: ParsedComponents) => {
    const y = c.get('year')!;
    const m = String(c.get('month')!).padStart(2, '0');
    return c.isCertain('day') ? `${y}-${m}-${String(c.get('day')!).padStart(2, '0')}` : `${y}-${m}`;
  };
  return [
    ...months,
    ...chrono()
      .parse(plain, { instant: ref, timezone: 0 })
      .filter((r) => r.start.isCertain('month') && r.start.isCertain('year'))
      .flatMap((r) => (r.end ? [day(r.start), day(r.end)] : [day(r.start)])),
  ];
}

/** The months from one day to another, as YYYY-MM. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); iso(d) <= to; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) out.push(iso(d).slice(0, 7));
  return out;
}
