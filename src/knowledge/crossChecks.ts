/**
 * Rules that span files or items, which zod cannot see: references that point nowhere,
 * duplicate ids, dates out of order, a round reported as held before any source could know, and
 * a glossary string listed twice.
 */
import type { Parsed } from './parsed.js';
import type { Knowledge } from './schema.js';
import type { KbProblem } from './yamlFile.js';
import { latestDate, lowerBound, upperBound } from './dates.js';
import { MILESTONE_KEYS } from './milestones.js';

export function crossCheck({ knowledge: kb, origins }: Parsed): KbProblem[] {
  const problems: KbProblem[] = [];
  const at = (item: object, sub: (string | number)[], message: string) => {
    const o = origins.get(item);
    if (!o) throw new Error(`internal: no origin for ${JSON.stringify(item).slice(0, 80)}`);
    problems.push(o.file.problem([...o.path, ...sub], message));
  };

  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const factIds = new Set(kb.facts.map((f) => f.id));
  const agreementIds = new Set(kb.agreements.map((a) => a.id));

  duplicates(
    kb.sources,
    (s) => s.id,
    (s) => at(s, ['id'], `duplicate source id "${s.id}"`),
  );
  duplicates(
    kb.facts,
    (f) => f.id,
    (f) => at(f, ['id'], `duplicate fact id "${f.id}"`),
  );
  duplicates(
    kb.rounds,
    (r) => r.id,
    (r) => at(r, ['id'], `duplicate round id "${r.id}"`),
  );
  duplicates(
    kb.rounds,
    (r) => `${r.agreement}#${r.round}`,
    (r) => at(r, ['round'], `round ${r.round} of "${r.agreement}" is listed twice`),
  );
  duplicates(
    kb.agreements,
    (a) => a.id,
    (a) => at(a, ['id'], `duplicate agreement id "${a.id}"`),
  );
  duplicates(
    kb.agreements,
    (a) => String(a.number),
    (a) => at(a, ['number'], `agreement number ${a.number} is listed twice`),
  );
  duplicates(
    kb.contributions,
    (c) => String(c.year),
    (c) => at(c, ['year'], `year ${c.year} is listed twice`),
  );

  /** Every `sources:` list anywhere must point at a known source. */
  const checkSources = (item: object & { sources: string[] }) =>
    item.sources.forEach((id, i) => {
      if (!sourceById.has(id)) at(item, ['sources', i], `unknown source "${id}"`);
    });
  const checkOrder = (item: object, startKey: string, start: string | undefined, endKey: string, end: string | undefined) => {
    if (start && end && end < start) at(item, [endKey], `${endKey} ${end} is before ${startKey} ${start}`);
  };

  for (const f of kb.facts) {
    checkSources(f);
    f.related.forEach((id, i) => {
      if (id === f.id) at(f, ['related', i], 'a fact cannot be related to itself');
      else if (!factIds.has(id)) at(f, ['related', i], `unknown fact "${id}"`);
    });
  }

  for (const r of kb.rounds) {
    checkSources(r);
    if (!agreementIds.has(r.agreement)) at(r, ['agreement'], `unknown agreement "${r.agreement}"`);
    checkOrder(r, 'start', r.start, 'end', r.end);
    for (const v of r.variants ?? []) {
      checkSources(v);
      checkOrder(v, 'start', v.start, 'end', v.end);
    }
    if (r.status === 'held') {
      const newest = latestDate(r.sources.map((id) => sourceById.get(id)?.published).filter((d): d is string => !!d));
      if (newest && newest < r.start) {
        at(r, ['status'], `"held" on ${r.start}, but its newest source was published ${newest}: cite a source from after the round`);
      }
    }
  }

  for (const a of kb.agreements) {
    checkSources(a);
    if (a.period.to < a.period.from) at(a, ['period', 'to'], `period ends (${a.period.to}) before it starts (${a.period.from})`);
    if (a.talks) checkOrder(a.talks, 'from', a.talks.from, 'to', a.talks.to);
    for (const n of a.negotiators) {
      checkSources(n);
      checkOrder(n, 'from', n.from, 'to', n.to);
    }
    const steps = MILESTONE_KEYS.filter((k) => a[k]);
    for (const k of steps) checkSources(a[k]!);
    for (let i = 1; i < steps.length; i++) {
      const prev = a[steps[i - 1]!]!;
      const cur = a[steps[i]!]!;
      // A month ("1991-01") is out of order only when all of it is before the other date.
      if (upperBound(cur.date) < lowerBound(prev.date)) at(cur, ['date'], `${steps[i]} (${cur.date}) is before ${steps[i - 1]} (${prev.date})`);
    }
  }

  for (const c of kb.contributions) {
    checkSources(c);
    for (const v of c.variants ?? []) checkSources(v);
  }

  /** One Korean form per English string, or a Korean answer would depend on file order. */
  duplicates(
    kb.glossary.terms,
    (t) => t.en,
    (t) => at(t, ['en'], `"${t.en}" is already in the glossary`),
  );
  for (const t of kb.glossary.terms) if (t.sources) checkSources(t as typeof t & { sources: string[] });

  checkLexicon(kb, at);
  return problems;
}

function duplicates<T>(items: T[], key: (t: T) => string, report: (t: T) => void): void {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) report(item);
    seen.add(k);
  }
}

/** A variant folded into two different canonical words would make matching depend on file order. */
function checkLexicon(kb: Knowledge, at: (item: object, sub: (string | number)[], message: string) => void): void {
  const owner = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(kb.lexicon.synonyms)) {
    variants.forEach((v, i) => {
      const key = v.toLowerCase();
      const prev = owner.get(key);
      if (prev && prev !== canonical) at(variants, [i], `"${v}" is already a synonym of "${prev}"`);
      owner.set(key, canonical);
    });
  }
  kb.lexicon.publishers.forEach((p, i) => {
    if (!(p in kb.lexicon.synonyms)) at(kb.lexicon.publishers, [i], `publisher "${p}" is not a synonym word: add it under synonyms with the ways it is written`);
  });
}
