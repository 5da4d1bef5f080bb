/**
 * How dates and amounts read in answers: "March 7–9, 2018", "April 5, 2019", "1.0389 trillion won
 * (1,038.9 billion won)", "$150 million"; in Korean as the Korean press writes them, "2018년 3월
 * 7일~9일", "1조 389억 원", "1억 5,000만 달러". One place, so every platform shows the same figures.
 */
import type { Unit } from '../knowledge/schema.js';
import type { Language } from './answer.js';
import { josa } from './i18n/josa.js';

type Precision = 'day' | 'month' | 'year';

const LOCALES: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };
const OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
};
/**
 * One Intl formatter per language and precision, each built on first use and kept: every date of
 * every answer goes through these, and building all of them up front cost start-up time.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, p: Precision): Intl.DateTimeFormat {
  const key = `${lang}:${p}`;
  let f = FORMATTERS.get(key);
  if (!f) FORMATTERS.set(key, (f = new Intl.DateTimeFormat(LOCALES[lang], OPTIONS[p])));
  return f;
}

/** How far a record date is given: YYYY-MM-DD, YYYY-MM or YYYY. */
function precision(date: string): Precision {
  return date.length >= 10 ? 'day' : date.length >= 7 ? 'month' : 'year';
}

/** The record's days are calendar days: read and written in UTC, so no time zone moves them. */
function utc(date: string): Date {
  const [y, m, d] = date.split('-');
  return new Date(Date.UTC(Number(y), (m ? Number(m) : 1) - 1, d ? Number(d) : 1));
}

/** "April 5, 2019", "November 2018" or "2018"; in Korean "2019년 4월 5일", "2018년 11월", "2018년". */
export function formatDate(date: string, lang: Language = 'en'): string {
  if (!/^\d{4}(-\d{2}){0,2}$/.test(date)) return date;
  return formatter(lang, precision(date)).format(utc(date));
}

/**
 * "March 7–9, 2018", "September 25 – October 2, 2024", "December 30, 2019 – January 2, 2020";
 * in Korean "2024년 6월 10일~12일", "2024년 9월 25일~10월 2일". Intl joins two dates of the same
 * precision (English only days: months are written out in full, "November 2018 – December 2018");
 * other pairs are the two dates one after the other.
 */
export function formatRange(start: string, end?: string, lang: Language = 'en'): string {
  if (!end || end === start) return formatDate(start, lang);
  const p = precision(start);
  const joined = p === precision(end) && (lang === 'ko' || p === 'day');
  if (!joined) return `${formatDate(start, lang)}${lang === 'ko' ? '~' : ' – '}${formatDate(end, lang)}`;
  const parts = formatter(lang, p).formatRangeToParts(utc(start), utc(end));
  // English news style: an en dash without spaces between two days of one month, spaced otherwise.
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  return parts.map((x) => (lang === 'en' && x.source === 'shared' && x.value.includes('–') ? (sameMonth ? '–' : ' – ') : x.value)).join('');
}

const BILLIONS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatAmount(amount: number, unit: Unit, lang: Language = 'en'): string {
  if (lang === 'ko') return unit === 'USD-million' ? `${koreanNumber(amount * 1e6)} 달러` : `${koreanNumber(amount * 1e9)} 원`;
  if (unit === 'USD-million') {
    return amount >= 1000 ? `$${trim(amount / 1000, 3)} billion` : `$${trim(amount, 1)} million`;
  }
  const billions = `${BILLIONS.format(amount)} billion won`;
  return amount >= 1000 ? `${trim(amount / 1000, 4)} trillion won (${billions})` : billions;
}

const GROUPED = new Intl.NumberFormat('en-US');
/** 조, 억, 만 and the rest, largest first. */
const KOREAN_UNITS: [number, string][] = [
  [1e12, '조'],
  [1e8, '억'],
  [1e4, '만'],
  [1, ''],
];

/**
 * A count in Korean press style, by 조, 억 and 만 with grouped digits within each: 1,519,200,000,000
 * is "1조 5,192억", 150,000,000 is "1억 5,000만", 10,000,000,000 is "100억".
 */
export function koreanNumber(n: number): string {
  let rest = Math.round(n);
  const out: string[] = [];
  for (const [size, name] of KOREAN_UNITS) {
    const part = Math.floor(rest / size);
    rest -= part * size;
    if (part) out.push(`${GROUPED.format(part)}${name}`);
  }
  return out.length ? out.join(' ') : '0';
}

/** "+8.3%" (signed, as English reports a change); `signed: false` gives the size alone, "8.3%". */
export function formatPercent(p: number, signed = true): string {
  return `${signed && p > 0 ? '+' : ''}${trim(signed ? p : Math.abs(p), 1)}%`;
}

function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** The clock's day as an ISO date (UTC): relative words compare whole days. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const ORDINAL_RULES = new Intl.PluralRules('en-US', { type: 'ordinal' });
const ORDINAL_SUFFIXES: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

/** "1st", "2nd", "3rd", "11th", "12th": English ordinals by Intl's plural rules. */
export function ordinal(n: number): string {
  return `${n}${ORDINAL_SUFFIXES[ORDINAL_RULES.select(n)] ?? 'th'}`;
}

/** "A, B and C"; in Korean "A, B와 C" (the particle fits B's last sound). */
export function listing(items: string[], lang: Language = 'en'): string {
  if (items.length <= 1) return items.join('');
  const init = items.slice(0, -1);
  if (lang === 'ko') return `${[...init.slice(0, -1), josa(init[init.length - 1]!, '과/와')].join(', ')} ${items[items.length - 1]}`;
  return `${init.join(', ')} and ${items[items.length - 1]}`;
}
