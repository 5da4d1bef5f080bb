/**
 * The question-routing core: normalise → table intents (resolved against the clock) → fact
 * match → an answer, a "did you mean…", or "I don't know" with suggestions. Everything is built
 * once per knowledge load; answering does no I/O.
 */
import type { Fact, Knowledge } from '../knowledge/schema.js';
import { MAX_QUESTION_LENGTH, MAX_SUGGESTIONS, type Answer, type AskOptions, type Responder, type SourceRef, type Suggestion } from './answer.js';
import { DEFAULT_THRESHOLDS, intentConfidence, isClearWinner, type Thresholds } from './confidence.js';
import { INTENT_QUESTIONS, type IntentContext, type IntentHandler, type IntentResult } from './intents/context.js';
import { agreementIntent } from './intents/agreement.js';
import { contributionIntent } from './intents/contribution.js';
import { helpIntent } from './intents/help.js';
import { latestRoundIntent } from './intents/latestRound.js';
import { negotiatorsIntent } from './intents/negotiators.js';
import { nextRoundIntent } from './intents/nextRound.js';
import { roundIntent } from './intents/round.js';
import { roundsIntent } from './intents/rounds.js';
import { sourcesIntent } from './intents/sources.js';
import { summaryIntent } from './intents/summary.js';
import { FactIndex, type Ranked } from './match/factIndex.js';
import { Normaliser } from './normalise.js';
import { newest } from '../knowledge/dates.js';
import { formatDate } from './format.js';

/** Order matters only for ties: the more specific intent first. */
const INTENTS: IntentHandler[] = [
  helpIntent,
  sourcesIntent,
  roundIntent,
  roundsIntent,
  nextRoundIntent,
  latestRoundIntent,
  negotiatorsIntent,
  contributionIntent,
  agreementIntent,
  summaryIntent,
];

export interface ResponderOptions {
  /** The bot's clock; relative words ("next", "this year") resolve against it. */
  clock?: () => Date;
  /** The answer / "did you mean" / suggestion bars; the defaults are the recorded operating point. */
  thresholds?: Partial<Thresholds>;
}

export function createResponder(kb: Knowledge, options: ResponderOptions = {}): Responder & { index: FactIndex; normaliser: Normaliser } {
  const clock = options.clock ?? (() => new Date());
  const { answer: ANSWER_BAR, clarify: CLARIFY_BAR, suggest: SUGGEST_BAR, margin } = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const normaliser = new Normaliser(kb.lexicon);
  normaliser.learnVocabulary(vocabularyOf(kb));
  const index = new FactIndex(kb.facts, normaliser);
  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const cite = (ids: Iterable<string>): SourceRef[] => {
    const out: SourceRef[] = [];
    for (const id of new Set(ids)) {
      const s = sourceById.get(id);
      if (s) out.push({ id: s.id, publisher: s.publisher, title: s.title, ...(s.url ? { url: s.url } : {}), date: s.published });
    }
    return out;
  };

  const factAnswer = (fact: Fact, confidence: number): Answer => {
    const sources = cite(fact.sources);
    return {
      kind: 'answer',
      matched: true,
      intent: 'fact',
      title: fact.question,
      text: fact.answer,
      factIds: [fact.id],
      sources,
      asOf: fact.asOf,
      confidence,
      suggestions: fact.related.map((id) => index.get(id)).filter((f): f is Fact => !!f).slice(0, MAX_SUGGESTIONS).map((f) => ({ question: f.question, factId: f.id })),
    };
  };

  const reply = (a: Omit<Answer, 'factIds' | 'sources' | 'confidence' | 'matched'> & Partial<Answer>): Answer => ({
    factIds: [],
    sources: [],
    confidence: 0,
    matched: false,
    ...a,
  });

  const asSuggestions = (ranked: Ranked[]): Suggestion[] => ranked.slice(0, MAX_SUGGESTIONS).map((r) => ({ question: r.fact.question, factId: r.fact.id }));
  const recordDate = newest(kb.sources.map((s) => s.published));
  const starters: Suggestion[] = [{ question: INTENT_QUESTIONS.summary }, { question: INTENT_QUESTIONS.nextRound }, { question: INTENT_QUESTIONS.contribution }];

  function ask(question: string, opts: AskOptions = {}): Answer {
    const trimmed = question.trim();
    if (!trimmed) {
      return reply({ kind: 'unknown', intent: 'invalid-input', title: 'Empty question', text: 'Please type a question about the Korea–US defense cost-sharing talks, for example "When is the next round?".', suggestions: starters });
    }
    if (trimmed.length > MAX_QUESTION_LENGTH) {
      return reply({ kind: 'unknown', intent: 'invalid-input', title: 'Question too long', text: `That message is ${trimmed.length} characters long; please ask in at most ${MAX_QUESTION_LENGTH} characters, one question at a time.`, suggestions: starters });
    }
    const q = normaliser.query(trimmed);
    if (!q.tokens.length) {
      return reply({ kind: 'unknown', intent: 'invalid-input', title: 'No words found', text: 'I could not find any words in that message. Please ask a question about the Korea–US defense cost-sharing talks.', suggestions: starters });
    }
    if (q.offTopic.length) {
      return reply({
        kind: 'unknown',
        intent: 'off-topic',
        title: "Outside what I cover",
        text: `I only cover the South Korea–US defense cost-sharing talks (the SMA), so I can't answer about ${q.offTopic[0]}.`,
        suggestions: starters,
      });
    }

    const ctx: IntentContext = { kb, q, now: opts.now ?? clock(), previous: opts.previous, cite };
    let best: { result: IntentResult; confidence: number } | undefined;
    for (const intent of INTENTS) {
      const result = intent.detect(ctx);
      if (!result) continue;
      const confidence = intentConfidence(q, result.explained);
      if (!best || confidence > best.confidence) best = { result, confidence };
    }
    // A table intent that accounts for every word wins any tie with a fact: no need to rank facts.
    if (best && best.confidence >= 1) return { ...best.result.answer, confidence: best.confidence };
    const ranked = index.rank(q);
    const top = ranked[0];

    if (best && best.confidence >= ANSWER_BAR && (!top || best.confidence >= top.confidence)) {
      return { ...best.result.answer, confidence: best.confidence };
    }
    if (top && top.confidence >= ANSWER_BAR && isClearWinner(ranked, margin)) return factAnswer(top.fact, top.confidence);
    if (top && top.confidence >= CLARIFY_BAR) {
      return reply({
        kind: 'clarify',
        intent: 'fact',
        title: 'Did you mean…',
        text: `I'm not sure which you mean. Did you mean: ${ranked.slice(0, MAX_SUGGESTIONS).filter((r) => r.confidence >= SUGGEST_BAR).map((r) => `"${r.fact.question}"`).join(', or ')}?`,
        confidence: top.confidence,
        suggestions: asSuggestions(ranked.filter((r) => r.confidence >= SUGGEST_BAR)),
      });
    }
    const close = ranked.filter((r) => r.confidence >= SUGGEST_BAR);
    return reply({
      kind: 'unknown',
      intent: 'none',
      title: "I don't know",
      text: `I don't know that one: it is not in my record of the Korea–US defense cost-sharing talks${recordDate ? ` (sources up to ${formatDate(recordDate)})` : ''}.${close.length ? ' These may be close:' : ' Try one of these:'}`,
      confidence: top?.confidence ?? 0,
      suggestions: close.length ? asSuggestions(close) : starters,
    });
  }

  function complete(partial: string, limit = 25): Suggestion[] {
    const all: Suggestion[] = [
      ...Object.values(INTENT_QUESTIONS).map((question) => ({ question })),
      ...kb.facts.map((f) => ({ question: f.question, factId: f.id })),
    ];
    const text = partial.trim().toLowerCase();
    if (!text) return all.slice(0, limit);
    const q = normaliser.query(text);
    const ranked = index.rank(q, limit).map((r) => ({ question: r.fact.question, factId: r.fact.id }));
    const prefix = all.filter((s) => s.question.toLowerCase().includes(text));
    const seen = new Set<string>();
    return [...prefix, ...ranked].filter((s) => !seen.has(s.question) && seen.add(s.question)).slice(0, limit);
  }

  return { ask, complete, index, normaliser };
}

/** Every text whose words count as "known": questions, phrasings, keywords, places and names. */
function vocabularyOf(kb: Knowledge): string[] {
  return [
    ...kb.facts.flatMap((f) => [f.question, ...f.phrasings, ...f.keywords]),
    ...kb.rounds.flatMap((r) => [r.place, r.venue ?? '', r.when ?? '']),
    ...kb.agreements.flatMap((a) => a.negotiators.map((n) => n.name)),
    ...kb.lexicon.offTopic,
    ...Object.values(INTENT_QUESTIONS),
    ...INTENT_WORDS,
  ];
}

/** Words the table intents understand; they are routing vocabulary, not facts. */
const INTENT_WORDS = [
  'next upcoming latest last recent previous final round rounds timeline chronology history list count number total so far host hosted city venue location',
  'status summary overview news update situation current happening',
  'how much contribution pay paid year annual amount cost won dollars figure budget money calculate calculated computed determined decided formula',
  'agreement deal signed ratified initialed force effect effective expire expires duration long term period increase index cpi inflation cap',
  'negotiator negotiators negotiating negotiated lead leads led head represents chief',
  'source sources cite reference help hello thanks when where who which',
  'january february march april may june july august september october november december',
];
