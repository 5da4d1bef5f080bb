/**
 * How much of the record has its Korean side: each fact's `ko` block, the `ko` text of every
 * free-text table field that is filled in, and a glossary entry for every name the tables use
 * (places, venues, negotiators, signatories, publishers). `kb validate` prints the counts and
 * every gap; a fact without Korean is an error, a table text or a name without one a warning.
 */
import { MILESTONE_KEYS } from './milestones.js';
import type { Origin } from './parsed.js';
import type { Knowledge, Milestone } from './schema.js';
import type { KbProblem, PathSegment } from './yamlFile.js';

export type KoGapSeverity = 'error' | 'warning';

export interface KoGap {
  severity: KoGapSeverity;
  /** Points at the English text (or fact) that lacks Korean, as `file:line path`. */
  problem: KbProblem;
}

export interface KoCount {
  /** "facts", "round summaries", … as printed in the coverage line. */
  label: string;
  have: number;
  total: number;
}

export interface KoCoverage {
  counts: KoCount[];
  gaps: KoGap[];
}

export function koCoverage(kb: Knowledge, origins: Map<object, Origin>): KoCoverage {
  const counts: KoCount[] = [];
  const gaps: KoGap[] = [];
  const at = (item: object, sub: PathSegment[], message: string): KbProblem => {
    const o = origins.get(item);
    if (!o) throw new Error(`internal: no origin for ${JSON.stringify(item).slice(0, 80)}`);
    return o.file.problem([...o.path, ...sub], message);
  };
  const group = (label: string) => {
    const count: KoCount = { label, have: 0, total: 0 };
    counts.push(count);
    return count;
  };

  const facts = group('facts');
  for (const f of kb.facts) {
    facts.total++;
    if (f.ko) facts.have++;
    else gaps.push({ severity: 'error', problem: at(f, [], `missing Korean: fact "${f.id}" has no ko block (question, five phrasings, keywords, answer)`) });
  }

  /** Counts one free-text field of a row: present in English means it needs `ko.<field>`. */
  const text = <K extends string>(count: KoCount, row: object & Partial<Record<K, string>> & { ko?: Partial<Record<K, string>> }, field: K) => {
    if (row[field] === undefined) return;
    count.total++;
    if (row.ko?.[field] !== undefined) count.have++;
    else gaps.push({ severity: 'warning', problem: at(row, [field], `missing Korean (warning): add ko.${field}`) });
  };

  const summaries = group('round summaries');
  const roundDates = group('round date notes');
  const dateVariants = group('date variants');
  for (const r of kb.rounds) {
    text(summaries, r, 'summary');
    text(roundDates, r, 'when');
    text(roundDates, r, 'dateNote');
    for (const v of r.variants ?? []) text(dateVariants, v, 'note');
  }

  const agreementTexts = group('agreement texts');
  const negotiators = group('negotiator titles and notes');
  const milestones = group('milestone notes');
  for (const a of kb.agreements) {
    text(agreementTexts, a, 'terms');
    text(agreementTexts, a, 'increaseRule');
    text(agreementTexts, a, 'note');
    if (a.talks) text(agreementTexts, a.talks, 'note');
    for (const n of a.negotiators) {
      text(negotiators, n, 'title');
      text(negotiators, n, 'note');
    }
    for (const k of MILESTONE_KEYS) if (a[k]) text(milestones, a[k], 'note');
  }

  const contributions = group('contribution notes');
  for (const c of kb.contributions) {
    text(contributions, c, 'note');
    for (const v of c.variants ?? []) text(contributions, v, 'note');
  }

  countNames(kb, group('glossary names'), gaps, at);
  return { counts, gaps };
}

/**
 * Every distinct English name the tables print needs a glossary entry; a gap points at its first
 * use. Names in fact answers are free text, so the glossary lists them by hand (see the guide).
 */
function countNames(kb: Knowledge, count: KoCount, gaps: KoGap[], at: (item: object, sub: PathSegment[], message: string) => KbProblem): void {
  const known = new Set(kb.glossary.terms.map((t) => t.en));
  const seen = new Set<string>();
  const use = (name: string | undefined, kind: string, item: object, sub: PathSegment[]) => {
    if (name === undefined || seen.has(name)) return;
    seen.add(name);
    count.total++;
    if (known.has(name)) count.have++;
    else gaps.push({ severity: 'warning', problem: at(item, sub, `missing Korean (warning): "${name}" has no glossary entry (add it to glossary.yaml as kind: ${kind})`) });
  };
  for (const r of kb.rounds) {
    use(r.place, 'place', r, ['place']);
    use(r.venue, 'venue', r, ['venue']);
  }
  for (const a of kb.agreements) {
    for (const n of a.negotiators) use(n.name, 'person', n, ['name']);
    for (const k of MILESTONE_KEYS) {
      const m: Milestone | undefined = a[k];
      if (!m) continue;
      use(m.place, 'place', m, ['place']);
      m.by?.forEach((who, i) => use(who, 'person or organisation', m, ['by', i]));
    }
  }
  for (const s of kb.sources) use(s.publisher, 'publisher', s, ['publisher']);
}

/** `Korean: 36/84 facts, 27/27 round summaries, …, glossary 120/120 names` (empty groups left out). */
export function formatCoverageLine({ counts }: KoCoverage): string {
  const parts = counts
    .filter((c) => c.total > 0 || c.label === 'facts')
    .map((c) => (c.label === 'glossary names' ? `glossary ${c.have}/${c.total} names` : `${c.have}/${c.total} ${c.label}`));
  return `Korean: ${parts.join(', ')}.`;
}
