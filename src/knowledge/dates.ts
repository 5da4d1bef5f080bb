/**
 * Partial dates ("2018-11", "2018") appear where a source prints no day. For "could this source
 * know about that event?" a partial date counts as the last day it may stand for.
 */
export function upperBound(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`;
  return date;
}

/** The newest of some (possibly partial) dates, as its upper bound; undefined for none. */
export function latestDate(dates: string[]): string | undefined {
  let best: string | undefined;
  for (const d of dates) {
    const u = upperBound(d);
    if (!best || u > best) best = u;
  }
  return best;
}

/** The newest of some (possibly partial) dates, as written ("2018-11" stays "2018-11"). */
export function newest(dates: string[]): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (!best || upperBound(d) > upperBound(best)) best = d;
  return best;
}
