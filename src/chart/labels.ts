/**
 * Every word a chart shows or says (titles, axis names, notes, alt text), in one catalogue per
 * language, so that a language is one more entry here and no chart code changes. Figures and
 * dates are formatted here too, since a language decides "1,038.9" and "April 23–25, 2024" (in
 * Korean "1조 389억 원" and "2024년 4월 23일~25일", as the core's answers write them); and each
 * language names the font that has its glyphs.
 */
import type { Language } from '../core/answer.js';
import { formatAmount, formatDate, formatRange, listing, ordinal } from '../core/format.js';
import { locale, messages } from '../core/i18n/index.js';
import type { Knowledge, RoundStatus, Unit } from '../knowledge/schema.js';
import { NOTO_SANS, NOTO_SANS_KR, type FontSet } from './fonts.js';

/** The languages a chart is drawn in: the answer languages. */
export type ChartLanguage = Language;
export type MilestoneKind = 'agreed' | 'signed';

export interface ChartLabels {
  language: ChartLanguage;
  /** Must have every glyph the labels use: Korean needs a Hangul font (see fonts.ts). */
  font: FontSet;
  /** A place or publisher of the record in this language (the glossary's Korean name), else as recorded. */
  name(recorded: string): string;
  /** The number a bar stands at, in the unit its axis is labelled in (Korean counts won in 억: 1,038.9 billion is 10,389억). */
  plotted(amount: number, unit: Unit): number;
  /** A plotted number as printed on the chart. */
  amount(value: number): string;
  /** A recorded amount as the alt text says it (with its unit where the language writes one). */
  spokenAmount(amount: number, unit: Unit): string;
  yearSpan(from: number, to: number): string;
  dateSpan(start: string, end?: string): string;
  /** A time-axis tick: the month, with the year on the first tick and in January. */
  monthTick(year: number, month: number, withYear: boolean): string;
  /** Said instead of a chart when the record has nothing to draw. */
  noContributions: string;
  noRounds(agreement: number | undefined, known: number[]): string;
  /** Said when the words after "chart" name no chart. */
  notAnAgreement(word: string): string;
  notAChart(words: string): string;

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
  /** `published` as recorded (YYYY, YYYY-MM or YYYY-MM-DD). */
  sourceRef(publisher: string, published: string): string;

  roundsTitle(agreement: number, rounds: number, span: string): string;
  roundsSubtitle: string;
  roundName(n: number, unofficial: boolean): string;
  /** A round's line: its dates and place, and what is unsure about them. */
  roundLine(dates: string, place: string, flags: { endUnknown: boolean; disputed: boolean; status: RoundStatus }): string;
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

type Catalogue = Omit<ChartLabels, 'name'>;

const EN: Catalogue = {
  language: 'en',
  font: NOTO_SANS,
  plotted: (amount) => amount,
  amount: (value) => NUMBER.format(value),
  spokenAmount: (amount) => NUMBER.format(amount),
  yearSpan: (from, to) => (from === to ? String(from) : `${from}–${to}`),
  dateSpan: (start, end) => formatRange(start, end),
  monthTick: (year, month, withYear) => `${MONTHS[month - 1]}${withYear ? ` ${year}` : ''}`,
  noContributions: 'The record has no yearly contributions to chart.',
  noRounds: (n, known) =>
    `The record has no rounds${n === undefined ? '' : ` of the ${ordinal(n)} SMA talks`}${known.length ? `; it has the rounds of the ${listEn(known.map((k) => `${ordinal(k)}`))} SMA talks` : ''}.`,
  notAnAgreement: (word) => `"${word}" is not an agreement number; try "rounds 12".`,
  notAChart: (words) => `I can draw "contributions" or "rounds N", not "${words}".`,

  contributionsTitle: (from, to) => `Korea's yearly contribution under the SMA, ${from}–${to}`,
  contributionsSubtitle: 'As reported: in US dollars to 2004, in won from 2005 (two scales, not converted). Shaded bands: the 1st to 12th Special Measures Agreements.',
  unitPanel: (unit, from, to) => `In ${unitName(unit)}, ${from}–${to}`,
  unitAxis: unitName,
  agreementBand: (n, continues) => `${ordinal(n)}${continues ? ' »' : ''}`,
  agreementPeriod: (n, span, continues) => `${ordinal(n)} ${span}${continues ? ' and after' : ''}`,
  noFigure: 'no sourced figure',
  disputedMark: '*',
  disputedNote: '* Sources give other figures for this year too; the record’s preferred figure is shown.',
  sourcesLead: (count) => (count === 1 ? 'Source' : 'Sources'),
  sourceRef: (publisher, published) => `${publisher}, ${formatDate(published)}`,

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

const KO_NUMBER = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 1 });
const KO_UNIT: Record<Unit, string> = { 'USD-million': '백만 달러', 'KRW-billion': '억 원' };
const KO_SERIES: Record<Unit, string> = { 'USD-million': '미국 달러', 'KRW-billion': '원화' };
const KO_STATUS = messages('ko').announce.statusWord;
const koYears = (years: number[]) =>
  listing(
    years.map(String).map((y) => `${y}년`),
    'ko',
  );
const koSpan = (from: number, to: number) => (from === to ? `${from}년` : `${from}~${to}년`);

/**
 * Korean as the Korean press writes it: 제12차 SMA, 1차 회의, 2024년 4월 23일~25일, won in 억 원
 * (the ministry's tables: "단위: 억 원"), dollars in 백만 달러, sources as 자료; alt text in the
 * answers' 기사체, messages to the user in 합니다체.
 */
const KO: Catalogue = {
  language: 'ko',
  font: NOTO_SANS_KR,
  // Tenths of a billion are whole 억: rounded to drop the binary fraction (1,038.9 × 10 = 10,389.000000000002).
  plotted: (amount, unit) => (unit === 'KRW-billion' ? Math.round(amount * 100) / 10 : amount),
  amount: (value) => KO_NUMBER.format(value),
  spokenAmount: (amount, unit) => formatAmount(amount, unit, 'ko'),
  yearSpan: koSpan,
  dateSpan: (start, end) => formatRange(start, end, 'ko'),
  monthTick: (year, month, withYear) => `${withYear ? `${year}년 ` : ''}${month}월`,
  noContributions: '기록에 차트로 그릴 연도별 분담금이 없습니다.',
  noRounds: (n, known) =>
    `기록에 ${n === undefined ? '협상 회의가' : `제${n}차 SMA 협상의 회의가`} 없습니다.${known.length ? ` 회의 기록이 있는 협상: ${known.map((k) => `제${k}차`).join('·')} SMA.` : ''}`,
  notAnAgreement: (word) => `"${word}"은(는) 협정 차수가 아닙니다. 예: "회의 12".`,
  notAChart: (words) => `"분담금"(연도별 분담금)이나 "회의 N"(협상 회의 일정)을 그릴 수 있습니다. "${words}"은(는) 그릴 수 없습니다.`,

  contributionsTitle: (from, to) => `한국의 연도별 방위비 분담금(${from}~${to}년)`,
  contributionsSubtitle: '보도된 단위 그대로: 2004년까지는 미국 달러, 2005년부터는 원화(두 척도, 환산하지 않음). 음영: 제1~12차 방위비분담특별협정(SMA) 기간.',
  unitPanel: (unit, from, to) => `${koSpan(from, to)}(단위: ${KO_UNIT[unit]})`,
  unitAxis: (unit) => KO_UNIT[unit],
  agreementBand: (n, continues) => `${n}차${continues ? ' →' : ''}`,
  agreementPeriod: (n, span, continues) => `제${n}차 ${span}${continues ? ' 이후' : ''}`,
  noFigure: '출처 있는 수치 없음',
  disputedMark: '*',
  disputedNote: '* 출처에 따라 다른 수치도 있는 해(기록이 채택한 수치를 표시).',
  sourcesLead: () => '자료',
  sourceRef: (publisher, published) => `${publisher}, ${formatDate(published, 'ko')}`,

  roundsTitle: (agreement, rounds, span) => `제${agreement}차 SMA 협상: ${rounds}차례 회의, ${span}`,
  roundsSubtitle: '막대: 각 회의의 첫날부터 마지막 날까지(보도 기준, 개최지 현지 날짜).',
  roundName: (n, unofficial) => `${n}차 회의${unofficial ? ' †' : ''}`,
  roundLine: (dates, place, { endUnknown, disputed, status }) =>
    [`${dates}${disputed ? ' *' : ''}${endUnknown ? '(종료일 기록 없음)' : ''}`, place, status === 'held' ? '' : KO_STATUS[status]].filter(Boolean).join(' · '),
  disputedDatesNote: '* 출처에 따라 날짜가 다른 회의(기록이 채택한 날짜를 표시).',
  unofficialNote: '† 공식 회차가 아님(회차의 근거는 기록에 밝혀 둠).',
  milestone: (kind, date) => `${kind === 'agreed' ? '타결' : '서명'} ${date}`,
  roundsRange: (from, to) => (from === to ? `${from}차 회의` : `${from}~${to}차 회의`),

  yearValue: (year, value) => `${year}년 ${value}`,
  altContributions: ({ from, to, series, gaps, disputed, agreements, sources }) =>
    [
      `${from}~${to}년 한국의 연도별 방위비 분담금 막대그래프. 금액은 해마다 보도된 단위 그대로이며 환산하지 않았다.`,
      ...series.map((s) => `${KO_SERIES[s.unit]}(${koSpan(s.from, s.to)}): ${s.values.join(', ')}.`),
      gaps.length ? `출처가 있는 수치가 없는 해: ${koYears(gaps)}.` : '',
      disputed.length ? `${koYears(disputed)}은 출처에 따라 다른 수치도 있다.` : '',
      `${sources}.`,
      `음영은 협정 기간: ${agreements.join(', ')}.`,
    ].filter(Boolean),
  altRounds: ({ title, rounds, milestones, sources }) =>
    [`회의 일정 타임라인. ${title}.`, `${rounds.join('; ')}.`, milestones.length ? `${milestones.join(', ')}.` : '', `${sources}.`].filter(Boolean),
};

const CATALOGUE: Record<ChartLanguage, Catalogue> = { en: EN, ko: KO };

/** The labels of `language`; with the record, its places and publishers are named in that language too. */
export function chartLabels(language: ChartLanguage = 'en', kb?: Knowledge): ChartLabels {
  const names = kb ? locale(kb, language) : undefined;
  return { ...CATALOGUE[language], name: (recorded) => names?.name(recorded) ?? recorded };
}
