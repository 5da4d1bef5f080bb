/**
 * How dates and amounts read in answers: "7–9 March 2018", "5 April 2019", "1.0389 trillion won
 * (1,038.9 billion won)", "$150 million". One place, so every platform shows the same figures.
 */
import type { Unit } from '../knowledge/schema.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(date: string): { y: string; m?: number; d?: number } {
  const [y, m, d] = date.split('-');
  return { y: y!, m: m ? Number(m) : undefined, d: d ? Number(d) : undefined };
}

/** "5 April 2019", "November 2018" or "2018", from a full or partial ISO date. */
export function formatDate(date: string): string {
  const { y, m, d } = parts(date);
  if (!m) return y;
  if (!d) return `${MONTHS[m - 1]} ${y}`;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "7–9 March 2018", "25 September – 2 October 2024", "30 December 2019 – 2 January 2020". */
export function formatRange(start: string, end?: string): string {
  if (!end || end === start) return formatDate(start);
  const a = parts(start);
  const b = parts(end);
  if (!a.d || !b.d) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.y !== b.y) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.m !== b.m) return `${a.d} ${MONTHS[a.m! - 1]} – ${b.d} ${MONTHS[b.m! - 1]} ${b.y}`;
  return `${a.d}–${b.d} ${MONTHS[a.m! - 1]} ${a.y}`;
}

export function formatAmount(amount: number, unit: Unit): string {
  if (unit === 'USD-million') {
    return amount >= 1000 ? `$${trim(amount / 1000, 3)} billion` : `$${trim(amount, 1)} million`;
  }
  const billions = `${amount.toLocaleString('en-US', { maximumFractionDigits: 1 })} billion won`;
  return amount >= 1000 ? `${trim(amount / 1000, 4)} trillion won (${billions})` : billions;
}

export function formatPercent(p: number): string {
  return `${p > 0 ? '+' : ''}${trim(p, 1)}%`;
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

/** "A, B and C". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
