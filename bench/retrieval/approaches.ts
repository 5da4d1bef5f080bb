/**
 * The fact-retrieval approaches compared by `npm run bench:retrieval`, each behind one interface:
 * built from a list of facts and the project's Normaliser, asked a raw question, returning fact
 * ids ranked best first with the approach's own score. Every approach sees the same normalised
 * words (the Normaliser's content tokens of each question, phrasing and keyword, and of the
 * question asked), so the comparison is of retrieval, not of tokenising.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { NluNeural } from '@nlpjs/nlu';
import type { Fact } from '../../src/knowledge/schema.js';
import { FactIndex } from '../../src/core/match/factIndex.js';
import type { Normaliser } from '../../src/core/normalise.js';
import type { Question } from '../../src/core/understand/analyse.js';

export interface Hit {
  factId: string;
  /** The approach's own score, higher = better (BM25 and fuse scores are not on one scale: compare ranks and AUCs, not values). */
  score: number;
}

export interface Retriever {
  rank(question: string, limit: number): Hit[] | Promise<Hit[]>;
}

export interface Approach {
  name: string;
  build(facts: Fact[], normaliser: Normaliser): Retriever | Promise<Retriever>;
}

/** A fact's texts as the index sees them: normalised content tokens joined by spaces. */
function normalisedTexts(fact: Fact, normaliser: Normaliser): { question: string; phrasings: string[]; keywords: string[] } {
  const norm = (t: string) => normaliser.contentOf(t).join(' ');
  return { question: norm(fact.question), phrasings: fact.phrasings.map(norm), keywords: fact.keywords.map(norm) };
}

const asked = (normaliser: Normaliser, question: string) => normaliser.query(question).content.join(' ');

/** a. Today's inverted index with IDF coverage, phrasing cover and fuse's Bitap on the finalists. */
export const factIndex: Approach = {
  name: 'FactIndex (today)',
  build(facts, normaliser) {
    const index = new FactIndex(facts, normaliser);
    // Words only, no slots: the comparison is of retrieval over the same tokens.
    const question = (q: string): Question => {
      const query = normaliser.query(q);
      return { ...query, slots: { dates: [], places: [] }, language: 'en', tokenSet: new Set(query.tokens), placeTokens: new Set() };
    };
    return { rank: (q, limit) => index.rank(question(q), limit).map((r) => ({ factId: r.fact.id, score: r.confidence })) };
  },
};

const MINISEARCH_SEARCH = { fuzzy: 0.2, prefix: true, combineWith: 'OR' } as const;
/** The text is already normalised and stemmed: split on spaces, keep every term as it is. */
const MINISEARCH_TERMS = { tokenize: (s: string) => s.split(' ').filter(Boolean), processTerm: (t: string) => t };

/** b. MiniSearch, one document per fact (question, phrasings and keywords as three fields), BM25 + fuzzy + prefix. */
export const miniSearchPerFact: Approach = {
  name: 'MiniSearch, a document per fact',
  build(facts, normaliser) {
    const ms = new MiniSearch<{ id: string; question: string; phrasings: string; keywords: string }>({
      fields: ['question', 'phrasings', 'keywords'],
      ...MINISEARCH_TERMS,
      searchOptions: MINISEARCH_SEARCH,
    });
    ms.addAll(
      facts.map((f) => {
        const t = normalisedTexts(f, normaliser);
        return { id: f.id, question: t.question, phrasings: t.phrasings.join(' '), keywords: t.keywords.join(' ') };
      }),
    );
    return {
      rank: (q, limit) =>
        ms
          .search(asked(normaliser, q))
          .slice(0, limit)
          .map((r) => ({ factId: String(r.id), score: r.score })),
    };
  },
};

/**
 * b'. MiniSearch, one document per phrasing, a fact scored by its best phrasing: BM25's length
 * normalisation then compares phrasings with phrasings, not a long fact with a short one.
 */
export const miniSearchPerPhrasing: Approach = {
  name: 'MiniSearch, a document per phrasing',
  build(facts, normaliser) {
    const docs: { id: number; factId: string; text: string }[] = [];
    for (const f of facts) {
      const t = normalisedTexts(f, normaliser);
      for (const text of [t.question, ...t.phrasings, ...t.keywords]) if (text) docs.push({ id: docs.length, factId: f.id, text });
    }
    const ms = new MiniSearch<(typeof docs)[number]>({ fields: ['text'], storeFields: ['factId'], ...MINISEARCH_TERMS, searchOptions: MINISEARCH_SEARCH });
    ms.addAll(docs);
    return {
      rank(q, limit) {
        const best = new Map<string, number>();
        for (const r of ms.search(asked(normaliser, q))) {
          const id = r.factId as string;
          if (!best.has(id)) best.set(id, r.score); // results come best first
          if (best.size >= limit) break;
        }
        return [...best].map(([factId, score]) => ({ factId, score }));
      },
    };
  },
};

/**
 * The project's normalisation in place of nlp.js's own (tokeniser, stop words, stemmer): the
 * classifier sees exactly the tokens the other approaches see.
 */
class NormalisedNlu extends NluNeural {
  constructor(
    private readonly normaliser: Normaliser,
    settings: Record<string, unknown>,
  ) {
    super(settings);
  }

  /** nlp.js passes training utterances as strings and questions as an input object. */
  override async prepare(text: unknown): Promise<unknown> {
    const bag = (tokens: string[]) => Object.fromEntries(tokens.map((t) => [t, 1]));
    if (typeof text === 'string') return bag(this.normaliser.contentOf(text));
    const input = text as { text: string };
    return { ...input, tokens: bag(this.normaliser.query(input.text).content) };
  }
}

/**
 * c. nlp.js's neural intent classifier (@nlpjs/nlu, the classifier inside @nlpjs/nlp), trained
 * at load time with one intent per fact from its question, phrasings and keywords. The "None"
 * feature is on (as @nlpjs/nlp sets it), so words it never saw pull towards no intent.
 */
export const nlpjsClassifier: Approach = {
  name: 'nlp.js classifier',
  async build(facts, normaliser) {
    const nlu = new NormalisedNlu(normaliser, { locale: 'en', log: false, useNoneFeature: true });
    const corpus = facts.flatMap((f) => [f.question, ...f.phrasings, ...f.keywords].map((utterance) => ({ utterance, intent: f.id })));
    await nlu.train(corpus);
    return {
      async rank(q, limit) {
        const { classifications } = await nlu.process(q);
        return classifications
          .filter((c) => c.intent !== 'None' && c.score > 0)
          .slice(0, limit)
          .map((c) => ({ factId: c.intent, score: c.score }));
      },
    };
  },
};

/** d. fuse.js with its defaults over the facts' normalised question, phrasings and keywords: the naive baseline of bench/run.ts. */
export const fuseDefaults: Approach = {
  name: 'fuse.js defaults',
  build(facts, normaliser) {
    const fuse = new Fuse(
      facts.map((f) => ({ id: f.id, ...normalisedTexts(f, normaliser) })),
      { keys: ['question', 'phrasings', 'keywords'], includeScore: true },
    );
    return { rank: (q, limit) => fuse.search(asked(normaliser, q), { limit }).map((r) => ({ factId: r.item.id, score: 1 - (r.score ?? 1) })) };
  },
};

/** d'. The same with fuse.js 7.5's token search (TF-IDF over words, Bitap per word). */
export const fuseTokenSearch: Approach = {
  name: 'fuse.js token search',
  build(facts, normaliser) {
    const fuse = new Fuse(
      facts.map((f) => ({ id: f.id, ...normalisedTexts(f, normaliser) })),
      { keys: ['question', 'phrasings', 'keywords'], includeScore: true, useTokenSearch: true },
    );
    return { rank: (q, limit) => fuse.search(asked(normaliser, q), { limit }).map((r) => ({ factId: r.item.id, score: 1 - (r.score ?? 1) })) };
  },
};

export const APPROACHES: Approach[] = [factIndex, miniSearchPerFact, miniSearchPerPhrasing, nlpjsClassifier, fuseDefaults, fuseTokenSearch];
