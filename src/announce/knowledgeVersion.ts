/**
 * The knowledge version: a number that grows with the record, the same on every machine that holds
 * the same files, so that an instance that pulled an edit late never announces the older state as
 * news (the store keeps the highest version announced and refuses an older one).
 *
 * It is read from the record itself, not from the files' modification times or a deploy: the
 * newest date the record is true at — every fact's `asOf` and every source's `published` date —
 * as YYYYMMDD. A curator who records news cites the report that says it (the curator's guide), so
 * an edit worth announcing carries a date at least as new as the last one. Two edits with the same
 * newest date have the same version; between them the snapshot's revision (compare-and-set) still
 * records each edit once, but cannot tell which of the two is newer.
 */
import type { Knowledge } from '../knowledge/schema.js';

/** `2018-03-07` → 20180307; partial dates count from their start (`2018-11` → 20181100). */
const dateNumber = (date: string): number => {
  const [y = '0', m = '00', d = '00'] = date.split('-');
  return Number(y) * 10_000 + Number(m) * 100 + Number(d);
};

export function knowledgeVersion(kb: Pick<Knowledge, 'facts' | 'sources'>): number {
  let newest = 0;
  for (const f of kb.facts) newest = Math.max(newest, dateNumber(f.asOf));
  for (const s of kb.sources) newest = Math.max(newest, dateNumber(s.published));
  return newest;
}
