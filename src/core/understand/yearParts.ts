/**
 * Parts of a year as date ranges: "summer 2020", "spring of 2020", "early 2019", "mid-2020",
 * "late 2018", "the end of last year", "the first half of 2019", "H2 2019", "Q3 2024", "this
 * summer", "last winter". chrono-node reads none of these (it keeps the year, or nothing), so they
 * are found here, before it. The Korean forms ("2019년 상반기", "2018년 말", "올 여름") are
 * rewritten to these English ones by korean.ts.
 *
 * The ranges, whole months:
 * - seasons are the meteorological ones of the northern hemisphere (Korea's and Washington's):
 *   spring March–May, summer June–August, autumn (fall) September–November, and winter December
 *   to February, "winter 2019" being the one that begins in December 2019;
 * - early, mid and late are a third of the year each (January–April, May–August,
 *   September–December); "the beginning of" and "the end of" read as early and late;
 * - halves and quarters are the calendar ones.
 */

export interface YearPart {
  /** First and last day, ISO. */
  from: string;
  to: string;
  grain: 'season' | 'part';
  /** Where the phrase stands in the text, and its words. */
  index: number;
  text: string;
}

type Season = 'spring' | 'summer' | 'autumn' | 'winter';
/** A stretch of whole months: the first, in its year, and how many. */
type Span = { year: number; month: number; months: number };
/** First month and the number of months, per part. */
const SEASONS: Record<Season, [number, number]> = { spring: [3, 3], summer: [6, 3], autumn: [9, 3], winter: [12, 3] };
const THIRDS: Record<'early' | 'mid' | 'late', [number, number]> = { early: [1, 4], mid: [5, 4], late: [9, 4] };

const YEAR = String.raw`((?:19|20)\d\d|(?:this|last|next) year)`;
const SEASON = '(spring|summer|autumn|fall|winter)';
// Not "earlier/later this year": the part before or after the clock's day, not a third of the year.
const THIRD = '(early|the beginning of|beginning of|the start of|start of|mid|the middle of|middle of|late|the end of|end of)';
const ORDINAL_HALF = '(first|second|1st|2nd)';
const ORDINAL_QUARTER = '(first|second|third|fourth|1st|2nd|3rd|4th)';

/** Each phrase, and how its groups become a first month and a length in months. */
const PATTERNS: { re: RegExp; grain: YearPart['grain']; read: (m: RegExpExecArray, now: Date) => Span }[] = [
  {
    // "summer 2020", "the summer of 2020", "summer last year" (not "fall in 2020", the verb)
    re: new RegExp(String.raw`\b(?:the\s+)?${SEASON}\s+(?:of\s+)?${YEAR}\b`, 'gi'),
    grain: 'season',
    read: (m, now) => season(m[1]!, yearOf(m[2]!, now)),
  },
  {
    // "2020 summer", as headlines write it
    re: new RegExp(String.raw`\b((?:19|20)\d\d)\s+${SEASON}\b`, 'gi'),
    grain: 'season',
    read: (m) => season(m[2]!, Number(m[1])),
  },
  {
    // "this summer", "last winter", "next spring": relative to the clock's day
    re: new RegExp(String.raw`\b(this|last|next|past|coming)\s+${SEASON}\b`, 'gi'),
    grain: 'season',
    read: (m, now) => relativeSeason(m[1]!.toLowerCase(), m[2]!, now),
  },
  {
    // "early 2019", "mid-2020", "late last year", "the end of 2018", "early in 2019"
    re: new RegExp(String.raw`\b${THIRD}[\s-]+(?:in\s+|of\s+)?${YEAR}\b`, 'gi'),
    grain: 'part',
    read: (m, now) => {
      const [month, months] = THIRDS[third(m[1]!)];
      return { year: yearOf(m[2]!, now), month, months };
    },
  },
  {
    // "the first half of 2019", "second half 2019"
    re: new RegExp(String.raw`\b(?:the\s+)?${ORDINAL_HALF}\s+half\s+(?:of\s+)?${YEAR}\b`, 'gi'),
    grain: 'part',
    read: (m, now) => ({ year: yearOf(m[2]!, now), month: /^(first|1st)$/i.test(m[1]!) ? 1 : 7, months: 6 }),
  },
  {
    // "H1 2019", "1H 2019"
    re: new RegExp(String.raw`\b(?:h([12])|([12])h)\s+${YEAR}\b`, 'gi'),
    grain: 'part',
    read: (m, now) => ({ year: yearOf(m[3]!, now), month: (m[1] ?? m[2]) === '1' ? 1 : 7, months: 6 }),
  },
  {
    // "the third quarter of 2024", "Q3 2024", "3Q 2024"
    re: new RegExp(String.raw`\b(?:(?:the\s+)?${ORDINAL_QUARTER}\s+quarter\s+(?:of\s+)?|q([1-4])\s+|([1-4])q\s+)${YEAR}\b`, 'gi'),
    grain: 'part',
    read: (m, now) => {
      const n = m[1] ? ['first', 'second', 'third', 'fourth'].indexOf(ordinalWord(m[1])) + 1 : Number(m[2] ?? m[3]);
      return { year: yearOf(m[4]!, now), month: (n - 1) * 3 + 1, months: 3 };
    },
  },
];

/** A cheap gate: most questions name no part of a year. */
const CUE = /\b(spring|summer|autumn|fall|winter|early|beginning|start|mid|middle|late|end|half|quarter|h[12]|[12]h|q[1-4]|[1-4]q)\b/i;

/** Every part of a year the text names, in text order; overlapping phrases keep the first and longest. */
export function findYearParts(text: string, now: Date): YearPart[] {
  if (!CUE.test(text)) return [];
  const found: YearPart[] = [];
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const span = p.read(m as RegExpExecArray, now);
      const index = m.index!;
      if (found.some((f) => index < f.index + f.text.length && f.index < index + m[0].length)) continue;
      found.push({ ...monthsRange(span.year, span.month, span.months), grain: p.grain, index, text: m[0] });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The same text with the parts blanked out (same length, so the other parsers' indexes still hold). */
export function withoutYearParts(text: string, parts: YearPart[]): string {
  let out = text;
  for (const p of parts) out = out.slice(0, p.index) + ' '.repeat(p.text.length) + out.slice(p.index + p.text.length);
  return out;
}

function yearOf(word: string, now: Date): number {
  const y = now.getUTCFullYear();
  if (/^this/i.test(word)) return y;
  if (/^last/i.test(word)) return y - 1;
  if (/^next/i.test(word)) return y + 1;
  return Number(word);
}

function seasonName(word: string): Season {
  const w = word.toLowerCase();
  return w === 'fall' ? 'autumn' : (w as Season);
}

function season(word: string, year: number): Span {
  const [month, months] = SEASONS[seasonName(word)];
  return { year, month, months };
}

/**
 * "This summer" is the one of the clock's year (in January or February, "this winter" began the
 * December before); "last summer" the latest one already over; "next summer" the first one not yet begun.
 */
function relativeSeason(which: string, word: string, now: Date): Span {
  const day = now.toISOString().slice(0, 10);
  const name = seasonName(word);
  const y = now.getUTCFullYear();
  const thisOne = season(name, name === 'winter' && now.getUTCMonth() < 2 ? y - 1 : y);
  const { from, to } = monthsRange(thisOne.year, thisOne.month, thisOne.months);
  if (which === 'this') return thisOne;
  if (which === 'last' || which === 'past') return to < day ? thisOne : { ...thisOne, year: thisOne.year - 1 };
  return from > day ? thisOne : { ...thisOne, year: thisOne.year + 1 };
}

function third(word: string): 'early' | 'mid' | 'late' {
  const w = word.toLowerCase();
  if (/early|earlier|beginning|start/.test(w)) return 'early';
  if (/mid|middle/.test(w)) return 'mid';
  return 'late';
}

function ordinalWord(w: string): string {
  return ({ '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth' } as Record<string, string>)[w.toLowerCase()] ?? w.toLowerCase();
}

/** `months` whole months from the first of `month` in `year` (a winter runs into the next year). */
function monthsRange(year: number, month: number, months: number): { from: string; to: string } {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month - 1 + months, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}
