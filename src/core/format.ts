/**
 * How dates and amounts read in answers: "March 7–9, 2018", "April 5, 2019", "1.0389 trillion won
 * (1,038.9 billion won)", "$150 million"; in Korean as the Korean press writes them, "2018년 3월
 * 7일~9일", "1조 389억 원", "1억 5,000만 달러". One place, so every platform shows the same figures.
 */
import type { Unit } from '../knowledge/schema.js';
import type { Language } from './answer.js';
import { josa } from './i18n/josa.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(date: string): { y: string; m?: number; d?: number } {
  const [y, m, d] = date.split('-');
  return { y: y!, m: m ? Number(m) : undefined, d: d ? Number(d) : undefined };
}

/** Korean dates through Intl (`2024년 11월 4일`, `2018년 11월`, `2018년`); UTC, as the record's days are. */
const KO_DATE = {
  day: new Intl.DateTimeFormat('ko-KR', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat('ko-KR', { year: 'numeric', month: 'long', timeZone: 'UTC' }),
  year: new Intl.DateTimeFormat('ko-KR', { year: 'numeric', timeZone: 'UTC' }),
};

function koFormatter(date: string): Intl.DateTimeFormat {
  const { m, d } = parts(date);
  return d ? KO_DATE.day : m ? KO_DATE.month : KO_DATE.year;
}

function utc(date: string): Date {
  const { y, m, d } = parts(date);
  return new Date(Date.UTC(Number(y), (m ?? 1) - 1, d ?? 1));
}

/** "April 5, 2019", "November 2018" or "2018", from a full or partial ISO date (news style). */
export function formatDate(date: string, lang: Language = 'en'): string {
  if (lang === 'ko') return koFormatter(date).format(utc(date));
  const { y, m, d } = parts(date);
  if (!m) return y;
  if (!d) return `${MONTHS[m - 1]} ${y}`;
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/**
 * "March 7–9, 2018", "September 25 – October 2, 2024", "December 30, 2019 – January 2, 2020";
 * in Korean "2024년 6월 10일~12일", "2024년 9월 25일~10월 2일".
 */
export function formatRange(start: string, end?: string, lang: Language = 'en'): string {
  if (!end || end === start) return formatDate(start, lang);
  if (lang === 'ko') {
    const f = koFormatter(start);
    // Intl joins only dates of the same precision; a day and a month are written one after the other.
    return f === koFormatter(end) ? f.formatRange(utc(start), utc(end)) : `${formatDate(start, lang)}~${formatDate(end, lang)}`;
  }
  const a = parts(start);
  const b = parts(end);
  if (!a.d || !b.d) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.y !== b.y) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.m !== b.m) return `${MONTHS[a.m! - 1]} ${a.d} – ${MONTHS[b.m! - 1]} ${b.d}, ${b.y}`;
  return `${MONTHS[a.m! - 1]} ${a.d}–${b.d}, ${a.y}`;
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

/** "1st", "2nd", "3rd", "11th", "12th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "A, B and C"; in Korean "A, B와 C" (the particle fits B's last sound). */
export function listing(items: string[], lang: Language = 'en'): string {
  if (items.length <= 1) return items.join('');
  const init = items.slice(0, -1);
  if (lang === 'ko') return `${[...init.slice(0, -1), josa(init[init.length - 1]!, '과/와')].join(', ')} ${items[items.length - 1]}`;
  return `${init.join(', ')} and ${items[items.length - 1]}`;
}
