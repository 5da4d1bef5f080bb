/**
 * A deterministic, generated record of many facts for the scale benchmark (`npm run bench:scale`).
 * Words are drawn from the real record's questions and phrasings, each as often as real facts use
 * it, and each fact is as wide as a real one (so "korea" and "sma" are in about half of the facts
 * and their postings are long, as in a bigger record of the same kind), plus synthetic Korean and
 * American names and places that make each fact's subject its own. Every fact has a question,
 * 5–8 phrasings and a few keywords, in the shapes people ask ("when was …", "why …", keyword
 * queries). The same seed gives the same record, so runs before and after a change compare.
 */
import { basicTokens } from '../src/core/normalise.js';
import type { Fact, Knowledge } from '../src/knowledge/schema.js';

/** mulberry32: a small seeded generator; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'Kim',
  'Lee',
  'Park',
  'Choi',
  'Jung',
  'Kang',
  'Cho',
  'Yoon',
  'Jang',
  'Lim',
  'Han',
  'Oh',
  'Seo',
  'Shin',
  'Kwon',
  'Hwang',
  'Ahn',
  'Song',
  'Yoo',
  'Hong',
  'Miller',
  'Carter',
  'Hughes',
  'Walsh',
  'Bennett',
  'Foster',
  'Hayes',
  'Reyes',
  'Turner',
  'Price',
];
const SYLLABLES = ['min', 'ji', 'seo', 'hyun', 'woo', 'jun', 'young', 'soo', 'hee', 'sung', 'ho', 'jae', 'eun', 'hye', 'dong', 'chul', 'kyung', 'tae', 'yeon', 'bin'];
const PLACE_ROOTS = ['han', 'nam', 'buk', 'dae', 'gang', 'yong', 'pyeong', 'song', 'cheon', 'gwang', 'mun', 'bong', 'san', 'hwa', 'jin', 'ok'];
const PLACE_KINDS = ['dong', 'ri', 'gun', 'si', 'po'];
/** Question shapes built of stop words only: every content word of a wording comes from the real record's distribution or the subject. */
const FRAMES = [
  (s: string, w: string[]) => `what did ${s} do about ${w.join(' ')}`,
  (s: string, w: string[]) => `when was the ${w.join(' ')} of ${s}`,
  (s: string, w: string[]) => `why ${s} ${w.join(' ')}`,
  (s: string, w: string[]) => `who ${w.join(' ')} for ${s}`,
  (s: string, w: string[]) => `how ${w.join(' ')} ${s}`,
  (s: string, w: string[]) => `${s} ${w.join(' ')}`,
  (s: string, w: string[]) => `tell me about the ${w.join(' ')} of ${s}`,
  (s: string, w: string[]) => `what is the ${w.join(' ')} in ${s}`,
  (s: string, w: string[]) => `${w.join(' ')} ${s}`,
];

export interface GeneratedRecord {
  knowledge: Knowledge;
  /** Per generated fact, a wording not in the record (a new frame and word subset, sometimes a typo): what a user would type. */
  probes: { q: string; factId: string }[];
}

/**
 * `count` generated facts on the real tables (rounds, agreements, contributions, sources,
 * lexicon) of `base`. With `keepRealFacts` the real facts stay too, so real questions can be
 * asked of the big record.
 */
export function generateRecord(base: Knowledge, count = 10_000, seed = 9, keepRealFacts = false): GeneratedRecord {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const vocabulary = weightedVocabulary(base);
  const word = () => {
    // Binary search in the cumulative frequencies: words come as often as in the real record.
    const x = rand() * vocabulary.total;
    let lo = 0;
    let hi = vocabulary.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vocabulary.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary.words[lo]!;
  };
  const name = () => `${pick(SURNAMES)} ${pick(SYLLABLES)}-${pick(SYLLABLES)}`;
  const place = () => `${pick(PLACE_ROOTS)}${pick(SYLLABLES)}${pick(PLACE_KINDS)}`;
  const typo = (text: string) =>
    text.replace(/\b[a-z]{6,}\b/, (w) => {
      const i = between(1, w.length - 2);
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    });

  const source = base.sources[0]!.id;
  const facts: Fact[] = [];
  const probes: { q: string; factId: string }[] = [];
  for (let n = 0; n < count; n++) {
    const subject = rand() < 0.5 ? name() : place();
    // As many distinct words as a real fact has, drawn as often as real facts use them.
    const topic = new Set<string>();
    const size = pick(vocabulary.factSizes);
    while (topic.size < size) topic.add(word());
    const words = [...topic];
    const wording = () => {
      const ws = Array.from({ length: between(2, 5) }, () => pick(words));
      return pick(FRAMES)(rand() < 0.85 ? subject : '', [...new Set(ws)])
        .replace(/\s+/g, ' ')
        .trim();
    };
    const id = `gen-${String(n + 1).padStart(5, '0')}`;
    const year = rand() < 0.3 ? ` in ${between(1991, 2026)}` : '';
    facts.push({
      id,
      question: `${FRAMES[0]!(subject, words.slice(0, 3))}${year}?`,
      phrasings: distinct(between(5, 8), wording),
      keywords: [subject.toLowerCase(), words.slice(0, 2).join(' ')],
      answer: `Generated fact ${n + 1}: ${subject} and the ${words.slice(0, 8).join(', ')}.`,
      sources: [source],
      asOf: '2024-01-01',
      related: [],
    });
    const probe = wording();
    probes.push({ q: rand() < 0.3 ? typo(probe) : probe, factId: id });
  }
  return { knowledge: { ...base, facts: keepRealFacts ? [...base.facts, ...facts] : facts }, probes };
}

/** `count` different results of `make` (a bounded number of tries: a narrow fact may have fewer wordings). */
function distinct(count: number, make: () => string): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(make());
  return [...out];
}

/**
 * The content words of the real record's questions, phrasings and keywords (stop words and
 * numbers out), each weighted by how many real facts use it, and how many distinct such words
 * each real fact has: a generated fact is as wide as a real one and uses common words as often.
 */
function weightedVocabulary(base: Knowledge): { words: string[]; cumulative: number[]; total: number; factSizes: number[] } {
  const stop = new Set(base.lexicon.stopwords.map((w) => w.toLowerCase()));
  const factsUsing = new Map<string, number>();
  const factSizes: number[] = [];
  for (const f of base.facts) {
    const own = new Set<string>();
    for (const text of [f.question, ...f.phrasings, ...f.keywords]) {
      for (const w of basicTokens(text)) if (w.length > 2 && !/\d/.test(w) && !stop.has(w)) own.add(w);
    }
    for (const w of own) factsUsing.set(w, (factsUsing.get(w) ?? 0) + 1);
    factSizes.push(own.size);
  }
  const words = [...factsUsing.keys()].sort();
  const cumulative: number[] = [];
  let total = 0;
  for (const w of words) cumulative.push((total += factsUsing.get(w)!));
  return { words, cumulative, total, factSizes };
}
