/**
 * Matching a question to a fact. fuse.js (token search over every question, phrasing and
 * keyword, all normalised like the question) finds candidates; a calibrated confidence then
 * ranks them by how much of the question each fact accounts for, weighting rare words
 * (THAAD, furlough) above common ones (SMA, Korea).
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Fact } from '../../knowledge/schema.js';
import type { Normaliser, Query } from '../normalise.js';

interface Entry {
  factId: string;
  /** Normalised content tokens joined by spaces: what fuse searches. */
  text: string;
  tokens: string[];
}

export interface Ranked {
  fact: Fact;
  confidence: number;
  /** fuse.js score of the best entry: 0 = exact … 1 = no match. */
  fuseScore: number;
}

/** Tuned for short questions (see shared research on fuse.js: config "H"). */
export const FUSE_OPTIONS: IFuseOptions<{ text: string }> = {
  keys: ['text'],
  includeScore: true,
  useTokenSearch: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  minMatchCharLength: 2,
  threshold: 0.5,
};

export class FactIndex {
  private readonly fuse: Fuse<Entry>;
  private readonly byId = new Map<string, Fact>();
  private readonly factTokens = new Map<string, Set<string>>();
  private readonly entriesByFact = new Map<string, Entry[]>();
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;

  constructor(readonly facts: Fact[], private readonly normaliser: Normaliser) {
    const entries: Entry[] = [];
    for (const fact of facts) {
      this.byId.set(fact.id, fact);
      const own: Entry[] = [];
      for (const text of [fact.question, ...fact.phrasings, ...fact.keywords]) {
        const tokens = normaliser.contentOf(text);
        if (tokens.length) own.push({ factId: fact.id, text: tokens.join(' '), tokens });
      }
      entries.push(...own);
      this.entriesByFact.set(fact.id, own);
      this.factTokens.set(fact.id, new Set(own.flatMap((e) => e.tokens)));
    }
    const df = new Map<string, number>();
    for (const set of this.factTokens.values()) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
    const n = Math.max(1, facts.length);
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + n / d));
    this.maxIdf = Math.log(1 + n);
    this.fuse = new Fuse(entries, FUSE_OPTIONS);
  }

  get(id: string): Fact | undefined {
    return this.byId.get(id);
  }

  /** Facts ranked by calibrated confidence, best first. */
  rank(q: Query, limit = 5): Ranked[] {
    const words = [...new Set(q.content)];
    if (!words.length) return [];
    const hits = this.fuse.search(words.join(' '), { limit: 40 });
    const bestScore = new Map<string, number>();
    for (const h of hits) {
      const s = h.score ?? 1;
      const prev = bestScore.get(h.item.factId);
      if (prev === undefined || s < prev) bestScore.set(h.item.factId, s);
    }
    const ranked: Ranked[] = [];
    for (const [factId, fuseScore] of bestScore) {
      ranked.push({ fact: this.byId.get(factId)!, fuseScore, confidence: this.confidence(factId, words, fuseScore) });
    }
    return ranked.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
  }

  /**
   * How much of the question the fact accounts for (rare words count more; words unknown to every
   * fact count fully against), blended with how much of its closest phrasing the question says and
   * with fuse's own score. 1 = every word of the question is the fact's own.
   */
  private confidence(factId: string, words: string[], fuseScore: number): number {
    const own = this.factTokens.get(factId)!;
    let total = 0;
    let covered = 0;
    for (const w of words) {
      const weight = /^\d+$/.test(w) ? this.idf.get(w) ?? 0.5 * this.maxIdf : this.idf.get(w) ?? this.maxIdf;
      total += weight;
      if (own.has(w)) covered += weight;
    }
    const coverage = total ? covered / total : 0;
    const asked = new Set(words);
    let phrasingCover = 0;
    for (const e of this.entriesByFact.get(factId) ?? []) {
      const hit = e.tokens.filter((t) => asked.has(t)).length / e.tokens.length;
      if (hit > phrasingCover) phrasingCover = hit;
    }
    return round(0.6 * coverage + 0.2 * phrasingCover + 0.2 * (1 - fuseScore));
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
