/**
 * Partial dates ("2018-11", "2018") appear where a source prints no day. For "could this source
 * know about that event?" a partial date counts as the last day it may stand for.
 */
export function upperBound(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return date;
}

/** The first day a (possibly partial) date may stand for: "2018-11" is from November 1. */
export function lowerBound(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
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

/**
 * The record's own date: its newest source's publication day. Checks of the record (`kb check`,
 * the record question table, the accuracy gates) answer as of this day, so they do not start
 * failing as the real clock passes the record's dates.
 */
export function recordDate(kb: { sources: { published: string }[] }): string {
  return latestDate(kb.sources.map((s) => s.published)) ?? '1970-01-01';
}
