/**
 * Matching a question to a fact. Candidates come from an inverted index of the normalised words
 * of every fact's question, phrasings and keywords (typos are already corrected by the
 * normaliser). Each gets a calibrated confidence: how much of the question the fact accounts for,
 * rare words (THAAD, furlough) weighing more than common ones (SMA, Korea), blended with how much
 * of its closest phrasing the question says and with fuse.js's Bitap similarity between the
 * question and those phrasings.
 *
 * Why not fuse.js search over the whole index: measured at 10 ms a question on 85 facts (token
 * search; 3.5 ms with one record per fact), against a bar of 1 ms at p99. Fuse scores the few
 * finalists instead, where its fuzzy similarity is worth its cost.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Language } from '../answer.js';
import { routeScore } from '../confidence.js';
import type { Fact } from '../../knowledge/schema.js';
import type { Normaliser } from '../normalise.js';
import { DATE_TOKEN, type Question } from '../understand/analyse.js';
import { datesIn, within } from '../understand/dates.js';

/** One indexed text of a fact (its question, a phrasing, a keyword): its normalised content tokens. */
type Entry = readonly string[];

export interface Ranked {
  fact: Fact;
  confidence: number;
  /** The weighted share of the question's words the fact accounts for. */
  coverage: number;
  /** fuse.js Bitap score of the closest phrasing: 0 = exact … 1 = no match (1 when not scored). */
  fuseScore: number;
}

/** Bitap over normalised phrasings: location-free (a question's words may come in any order). */
export const FUSE_MATCH_OPTIONS: IFuseOptions<unknown> = {
  ignoreLocation: true,
  threshold: 0.6,
  isCaseSensitive: true,
  minMatchCharLength: 2,
};

/**
 * A word the record never uses weighs more than the rarest word that some fact uses: an unexplained
 * subject ("weather", "bases") is what makes a question someone else's. A word the record uses
 * only in its answers and tables weighs as the rarest indexed word.
 */
const UNKNOWN_WEIGHT = 1.5;

/** Finalists that fuse scores; the rest are ranked on coverage alone. */
const FINALISTS = 3;

/**
 * What an index takes from a fact in one language: its entries, and the tokens it accounts for
 * (theirs and the years its answer mentions: "troops in korea in 2026"). Built once per fact,
 * language and normaliser however many indexes use it; a fact without Korean gives the Korean
 * index its English phrasings, and the same entries.
 */
interface Indexed {
  entries: Entry[];
  tokens: Set<string>;
}

/** Days and months each fact's answer mentions (chrono is costly: once per fact, whatever the normaliser). */
const answerDates = new WeakMap<Fact, string[]>();
function datesOf(fact: Fact): string[] {
  let dates = answerDates.get(fact);
  if (!dates) answerDates.set(fact, (dates = datesIn(fact.answer, fact.asOf)));
  return dates;
}

/** What the indexes derive from a fact with one normaliser, once however many indexes use it. */
interface Features {
  /** Days and months the answer mentions. */
  dates: string[];
  /** The question words ("why", "how"…) its question and phrasings begin with. */
  questionWords: Set<string>;
  en?: Indexed;
  ko?: Indexed;
}
const features = new WeakMap<Normaliser, WeakMap<Fact, Features>>();
function featuresOf(fact: Fact, normaliser: Normaliser): Features {
  let byFact = features.get(normaliser);
  if (!byFact) features.set(normaliser, (byFact = new WeakMap()));
  let f = byFact.get(fact);
  if (!f) {
    f = {
      dates: datesOf(fact),
      questionWords: new Set([fact.question, ...fact.phrasings].map((t) => normaliser.firstToken(t))),
    };
    byFact.set(fact, f);
  }
  return f;
}

/** A year an answer mentions: it counts as one of the fact's words. */
const YEAR = /\b(19[5-9]\d|20\d\d)\b/g;

function indexedOf(fact: Fact, normaliser: Normaliser, language: Language): { features: Features; indexed: Indexed } {
  const f = featuresOf(fact, normaliser);
  // One language's phrasings, so each language's word weights are its own.
  const side = language === 'ko' && fact.ko ? 'ko' : 'en';
  let indexed = f[side];
  if (!indexed) {
    const texts = side === 'ko' && fact.ko ? [fact.ko.question, ...fact.ko.phrasings, ...fact.ko.keywords] : [fact.question, ...fact.phrasings, ...fact.keywords];
    const entries: Entry[] = [];
    const tokens = new Set<string>();
    for (const text of texts) {
      const content = normaliser.contentOf(text);
      if (!content.length) continue;
      entries.push(content);
      for (const t of content) tokens.add(t);
    }
    YEAR.lastIndex = 0;
    for (let m = YEAR.exec(fact.answer); m; m = YEAR.exec(fact.answer)) tokens.add(m[1]!);
    f[side] = indexed = { entries, tokens };
  }
  return { features: f, indexed };
}

export class FactIndex {
  private readonly byId = new Map<string, Fact>();
  private readonly factTokens = new Map<string, Set<string>>();
  private readonly entriesByFact = new Map<string, Entry[]>();
  /** Each token's facts, by their number in `order` (ascending): what rank walks. */
  private readonly numbered = new Map<string, Int32Array>();
  private readonly order: string[] = [];
  /** Reused per question: one slot per fact, reset after each question. */
  private readonly scratch: Float64Array;
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;
  /** The question words ("why", "how"…) each fact's question and phrasings are asked with. */
  private readonly questionWords = new Map<string, Set<string>>();
  /** Days and months each fact's answer mentions: a date in the question is explained by them. */
  private readonly factDates = new Map<string, string[]>();

  /**
   * `otherDocs` are the vocabularies of the table intents: they count as documents for the word
   * weights, so facts and intents are scored with the same weights (one score for both routes).
   */
  constructor(
    readonly facts: Fact[],
    private readonly normaliser: Normaliser,
    otherDocs: Iterable<ReadonlySet<string>> = [],
    /** Which phrasings to index: a fact without Korean is found by its English ones. */
    language: Language = 'en',
    /** Tokens a fact has beyond its phrasings: the publishers its sources are from or its answer names. */
    mentions: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    const postings = new Map<string, number[]>();
    for (const fact of facts) {
      this.byId.set(fact.id, fact);
      const { features, indexed } = indexedOf(fact, normaliser, language);
      this.entriesByFact.set(fact.id, indexed.entries);
      this.factDates.set(fact.id, features.dates);
      this.questionWords.set(fact.id, features.questionWords);
      const extra = mentions.get(fact.id);
      // Shared by both language indexes: a fact's own mentions are added to a copy.
      const tokens = extra?.length ? new Set([...indexed.tokens, ...extra]) : indexed.tokens;
      this.factTokens.set(fact.id, tokens);
      for (const t of tokens) {
        const list = postings.get(t);
        if (list) list.push(this.order.length);
        else postings.set(t, [this.order.length]);
      }
      this.order.push(fact.id);
    }
    const docFreq = new Map<string, number>([...postings].map(([t, ids]) => [t, ids.length]));
    let n = facts.length;
    for (const doc of otherDocs) {
      n++;
      for (const t of doc) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
    }
    n = Math.max(1, n);
    for (const [t, df] of docFreq) this.idf.set(t, Math.log(1 + n / df));
    this.maxIdf = Math.log(1 + n);
    for (const [t, ids] of postings) this.numbered.set(t, Int32Array.from(ids));
    this.scratch = new Float64Array(facts.length);
  }

  /**
   * How much a question word weighs: its IDF over facts and intents; a date phrase like a rare
   * word; a bare number half the rarest; a word no fact or intent uses more than any known word.
   */
  weight(w: string): number {
    if (w === DATE_TOKEN) return this.maxIdf;
    return this.idf.get(w) ?? (/^\d+$/.test(w) ? 0.5 * this.maxIdf : this.normaliser.knows(w) ? this.maxIdf : UNKNOWN_WEIGHT * this.maxIdf);
  }

  /** The weighted share of the question's words that `explains` accounts for. */
  coverageOf(words: string[], explains: (w: string) => boolean): number {
    let total = 0;
    let covered = 0;
    for (const w of words) {
      const weight = this.weight(w);
      total += weight;
      if (explains(w)) covered += weight;
    }
    return total ? covered / total : 0;
  }

  /** Whether some question or phrasing of the fact begins with this question word. */
  asks(factId: string, word: string): boolean {
    return this.questionWords.get(factId)?.has(word) ?? false;
  }

  /** Whether a fact's answer gives a day or a month: it can say "when". */
  dated(factId: string): boolean {
    return (this.factDates.get(factId)?.length ?? 0) > 0;
  }

  /** Every token some fact or intent matches on (the words with a weight of their own). */
  tokens(): ReadonlySet<string> {
    return new Set(this.idf.keys());
  }

  get(id: string): Fact | undefined {
    return this.byId.get(id);
  }

  /** Facts ranked by calibrated confidence, best first. */
  rank(q: Question, limit = 5): Ranked[] {
    const words = [...new Set(q.content)];
    if (!words.length) return [];
    // Coverage of every candidate at once: each word adds its weight to the facts that have it,
    // over numbered postings (at 10,000 facts a question meets thousands of candidates).
    const total = words.reduce((sum, w) => sum + this.weight(w), 0);
    const acc = this.scratch;
    const touched: number[] = [];
    const add = (i: number, weight: number) => {
      if (acc[i] === 0) touched.push(i);
      acc[i] = acc[i]! + weight;
    };
    for (const w of words) {
      const weight = this.weight(w);
      if (w === DATE_TOKEN) {
        this.order.forEach((id, i) => {
          if ((this.factDates.get(id) ?? []).some((d) => q.slots.dates.some((r) => within(d, r)))) add(i, weight);
        });
        continue;
      }
      const list = this.numbered.get(w);
      if (list) for (let k = 0; k < list.length; k++) add(list[k]!, weight);
    }
    // The best few by coverage (ties: record order), kept by insertion rather than a full sort.
    const keep = Math.max(limit, FINALISTS) * 2;
    const top: { i: number; coverage: number }[] = [];
    for (const i of touched) {
      const coverage = total ? acc[i]! / total : 0;
      acc[i] = 0;
      if (top.length === keep && coverage <= top[keep - 1]!.coverage) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]!.coverage < coverage || (top[at - 1]!.coverage === coverage && top[at - 1]!.i > i))) at--;
      top.splice(at, 0, { i, coverage });
      if (top.length > keep) top.pop();
    }
    // Then phrasing cover for the best few; fuse for the finalists.
    const asked = new Set(words);
    const scored = top
      .map((c) => ({ id: this.order[c.i]!, coverage: c.coverage, phrasingCover: this.phrasingCover(this.order[c.i]!, asked) }))
      .sort((a, b) => b.coverage * 0.75 + b.phrasingCover * 0.25 - (a.coverage * 0.75 + a.phrasingCover * 0.25));
    const query = words.join(' ');
    const ranked = scored.slice(0, Math.max(limit, FINALISTS)).map((c, i) => {
      const fuseScore = i < FINALISTS ? this.similarity(c.id, asked, query) : 1;
      return {
        fact: this.byId.get(c.id)!,
        fuseScore,
        coverage: c.coverage,
        confidence: routeScore({ coverage: c.coverage, phrasing: c.phrasingCover, similarity: 1 - fuseScore }),
      };
    });
    return ranked.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
  }

  /** Whether a fact accounts for a question word: one of its own, or a date its answer mentions. */
  /** The tokens a fact is matched on (its phrasings', its years, its mentions). */
  tokensOf(factId: string): ReadonlySet<string> {
    return this.factTokens.get(factId) ?? new Set();
  }

  explains(factId: string, w: string, q: Question): boolean {
    if (this.factTokens.get(factId)?.has(w)) return true;
    return w === DATE_TOKEN && (this.factDates.get(factId) ?? []).some((d) => q.slots.dates.some((r) => within(d, r)));
  }

  /** The largest share of one of the fact's phrasings that the question says. */
  private phrasingCover(factId: string, asked: Set<string>): number {
    let best = 0;
    for (const e of this.entriesByFact.get(factId) ?? []) {
      let hit = 0;
      for (const t of e) if (asked.has(t)) hit++;
      if (hit / e.length > best) best = hit / e.length;
    }
    return best;
  }

  /** fuse.js Bitap score of the question against the fact's phrasing that shares most words with it. */
  private similarity(factId: string, asked: Set<string>, query: string): number {
    let closest: Entry | undefined;
    let most = -1;
    for (const e of this.entriesByFact.get(factId) ?? []) {
      let shared = 0;
      for (const t of e) if (asked.has(t)) shared++;
      if (shared > most) [closest, most] = [e, shared];
    }
    if (!closest) return 1;
    // What fuse compares: the phrasing's content tokens joined by spaces (joined here, for the
    // finalists only, rather than for every phrasing at build time).
    const phrasing = closest.join(' ');
    // Bitap patterns are at most 32 characters: match the shorter string inside the longer.
    const [pattern, text] = query.length <= phrasing.length ? [query, phrasing] : [phrasing, query];
    const r = Fuse.match(pattern.slice(0, 32), text, FUSE_MATCH_OPTIONS);
    return r.isMatch && r.score < 1 ? r.score : 1;
  }
}
