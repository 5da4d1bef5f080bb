/**
 * Every word a chart shows or says (titles, axis names, notes, alt text), in one catalogue per
 * language, so that Korean labels are one more entry here and no chart code changes. Figures and
 * dates are formatted here too, since a language decides "1,038.9" and "April 23–25, 2024"; and
 * each language names the font that has its glyphs.
 */
import { formatRange, ordinal } from '../core/format.js';
import type { Unit } from '../knowledge/schema.js';
import { NOTO_SANS, type FontSet } from './fonts.js';

export type ChartLanguage = 'en';
export type MilestoneKind = 'agreed' | 'signed';

export interface ChartLabels {
  language: ChartLanguage;
  /** Must have every glyph the labels use: Korean needs a Hangul font (see fonts.ts). */
  font: FontSet;
  amount(value: number): string;
  yearSpan(from: number, to: number): string;
  dateSpan(start: string, end?: string): string;
  /** A time-axis tick: the month, with the year on the first tick and in January. */
  monthTick(year: number, month: number, withYear: boolean): string;
  /** Said instead of a chart when the record has nothing to draw. */
  noContributions: string;
  noRounds(agreement: number | undefined, known: number[]): string;

  contributionsTitle(from: number, to: number): string;
  contributionsSubtitle: string;
  /** Panel title and axis name of each unit, as reported (never converted). */
  unitPanel(unit: Unit, from: number, to: number): string;
  unitAxis(unit: Unit): string;
  /** The short band label of an agreement ("1st"); `continues`: its period runs past the chart. */
  agreementBand(n: number, continues: boolean): string;
  /** "9th 2014–2018" in the alt text; `continues`: the period runs past the chart. */
  agreementPeriod(n: number, span: string, continues: boolean): string;
  noFigure: string;
  /** Marks a figure or a date whose sources give others too. */
  disputedMark: string;
  disputedNote: string;
  sourcesLead(count: number): string;
  sourceRef(publisher: string, published: string): string;

  roundsTitle(agreement: number, rounds: number, span: string): string;
  roundsSubtitle: string;
  roundName(n: number, unofficial: boolean): string;
  /** A round's line: its dates and place, and what is unsure about them. */
  roundLine(dates: string, place: string, flags: { endUnknown: boolean; disputed: boolean; status: string }): string;
  disputedDatesNote: string;
  unofficialNote: string;
  milestone(kind: MilestoneKind, date: string): string;
  roundsRange(from: number, to: number): string;

  yearValue(year: number, value: string): string;
  /** Alt text as sentences, most important first (platforms cap its length). */
  altContributions(parts: {
    from: number;
    to: number;
    series: { unit: Unit; from: number; to: number; values: string[] }[];
    gaps: number[];
    disputed: number[];
    agreements: string[];
    sources: string;
  }): string[];
  altRounds(parts: { title: string; rounds: string[]; milestones: string[]; sources: string }): string[];
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const listEn = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

const unitName = (unit: Unit) => (unit === 'USD-million' ? 'US$ million' : 'billion won');

const EN: ChartLabels = {
  language: 'en',
  font: NOTO_SANS,
  amount: (value) => NUMBER.format(value),
  yearSpan: (from, to) => (from === to ? String(from) : `${from}–${to}`),
  dateSpan: (start, end) => formatRange(start, end),
  monthTick: (year, month, withYear) => `${MONTHS[month - 1]}${withYear ? ` ${year}` : ''}`,
  noContributions: 'The record has no yearly contributions to chart.',
  noRounds: (n, known) =>
    `The record has no rounds${n === undefined ? '' : ` of the ${ordinal(n)} SMA talks`}${known.length ? `; it has the rounds of the ${listEn(known.map((k) => `${ordinal(k)}`))} SMA talks` : ''}.`,

  contributionsTitle: (from, to) => `Korea's yearly contribution under the SMA, ${from}–${to}`,
  contributionsSubtitle: 'As reported: in US dollars to 2004, in won from 2005 (two scales, not converted). Shaded bands: the 1st to 12th Special Measures Agreements.',
  unitPanel: (unit, from, to) => `In ${unitName(unit)}, ${from}–${to}`,
  unitAxis: unitName,
  agreementBand: (n, continues) => `${ordinal(n)}${continues ? ' →' : ''}`,
  agreementPeriod: (n, span, continues) => `${ordinal(n)} ${span}${continues ? ' and after' : ''}`,
  noFigure: 'no sourced figure',
  disputedMark: '*',
  disputedNote: '* Sources give other figures for this year too; the record’s preferred figure is shown.',
  sourcesLead: (count) => (count === 1 ? 'Source' : 'Sources'),
  sourceRef: (publisher, published) => `${publisher}, ${published}`,

  roundsTitle: (agreement, rounds, span) => `The ${ordinal(agreement)} SMA talks: ${rounds} round${rounds === 1 ? '' : 's'}, ${span}`,
  roundsSubtitle: 'Each bar runs from the first to the last day of a round, as reported (local time at the venue).',
  roundName: (n, unofficial) => `Round ${n}${unofficial ? ' †' : ''}`,
  roundLine: (dates, place, { endUnknown, disputed, status }) =>
    [`${dates}${disputed ? ' *' : ''}${endUnknown ? ' (end date not found)' : ''}`, place, status === 'held' ? '' : status].filter(Boolean).join(' · '),
  disputedDatesNote: '* Sources give other dates too; the record’s preferred dates are shown.',
  unofficialNote: '† This round’s number is not official; the record says where it comes from.',
  milestone: (kind, date) => `${kind === 'agreed' ? 'Agreed' : 'Signed'} ${date}`,
  roundsRange: (from, to) => (from === to ? `round ${from}` : `rounds ${from}–${to}`),

  yearValue: (year, value) => `${year} ${value}`,
  altContributions: ({ from, to, series, gaps, disputed, agreements, sources }) =>
    [
      `Bar chart of Korea's yearly SMA contribution, ${from}–${to}, in the unit each year was reported (not converted).`,
      ...series.map((s) => `In ${unitName(s.unit)}, ${s.from}–${s.to}: ${s.values.join(', ')}.`),
      gaps.length ? `No sourced figure for ${listEn(gaps.map(String))}.` : '',
      disputed.length ? `Sources give other figures too for ${listEn(disputed.map(String))}.` : '',
      `${sources}.`,
      `Shaded: agreement periods, ${agreements.join(', ')}.`,
    ].filter(Boolean),
  altRounds: ({ title, rounds, milestones, sources }) =>
    [`Timeline. ${title}.`, `${rounds.join('; ')}.`, milestones.length ? `${listEn(milestones)}.` : '', `${sources}.`].filter(Boolean),
};

const CATALOGUE: Record<ChartLanguage, ChartLabels> = { en: EN };

export function chartLabels(language: ChartLanguage = 'en'): ChartLabels {
  return CATALOGUE[language];
}
