/**
 * How dates and amounts read in answers: "March 7–9, 2018", "April 5, 2019", "1.0389 trillion won
 * (1,038.9 billion won)", "$150 million". One place, so every platform shows the same figures.
 */
import type { Unit } from '../knowledge/schema.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(date: string): { y: string; m?: number; d?: number } {
  const [y, m, d] = date.split('-');
  return { y: y!, m: m ? Number(m) : undefined, d: d ? Number(d) : undefined };
}

/** "April 5, 2019", "November 2018" or "2018", from a full or partial ISO date (news style). */
export function formatDate(date: string): string {
  const { y, m, d } = parts(date);
  if (!m) return y;
  if (!d) return `${MONTHS[m - 1]} ${y}`;
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** "March 7–9, 2018", "September 25 – October 2, 2024", "December 30, 2019 – January 2, 2020". */
export function formatRange(start: string, end?: string): string {
  if (!end || end === start) return formatDate(start);
  const a = parts(start);
  const b = parts(end);
  if (!a.d || !b.d) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.y !== b.y) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.m !== b.m) return `${MONTHS[a.m! - 1]} ${a.d} – ${MONTHS[b.m! - 1]} ${b.d}, ${b.y}`;
  return `${MONTHS[a.m! - 1]} ${a.d}–${b.d}, ${a.y}`;
}

const BILLIONS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatAmount(amount: number, unit: Unit): string {
  if (unit === 'USD-million') {
    return amount >= 1000 ? `$${trim(amount / 1000, 3)} billion` : `$${trim(amount, 1)} million`;
  }
  const billions = `${BILLIONS.format(amount)} billion won`;
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
