/**
 * The question-routing core: analyse (concept tokens + slots, src/core/understand) → table
 * intents (knowledge/intents.yaml, resolved against the clock) and facts, scored alike → an
 * answer, a "did you mean…", or "I don't know" with suggestions. Everything is built once per
 * knowledge load; answering does no I/O.
 */
import type { Fact, Knowledge } from '../knowledge/schema.js';
import { MAX_QUESTION_LENGTH, MAX_SUGGESTIONS, type Answer, type AskOptions, type AskRequest, type Language, type Responder, type SourceRef, type Suggestion } from './answer.js';
import { DEFAULT_THRESHOLDS, isClearWinner, routeScore, type Thresholds, UNEXPLAINED_WORD_BAR } from './confidence.js';
import { intentSuggestions, type IntentContext, type IntentHandler, type IntentResult } from './intents/context.js';
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
import { compileIntents, specWords } from './intents/spec.js';
import { followUpRequest, leansOnPrevious, pointsBack } from './followUp.js';
import { FactIndex, type Ranked } from './match/factIndex.js';
import { unansweredKinds } from './answerKind.js';
import { basicTokens, type LearnedWords, MAGNITUDES, Normaliser, ORDINAL_TOKEN, YEAR_TOKEN } from './normalise.js';
import { hasHangul, koreanAmounts } from './understand/korean.js';
import { Analyser, agreementOrdinals, DATE_TOKEN, type Question } from './understand/analyse.js';
import { newest } from '../knowledge/dates.js';
import { MILESTONE_KEYS } from '../knowledge/milestones.js';
import { isoDay, ordinal } from './format.js';
import { factAnswerText, factQuestion, localSources, messages } from './i18n/index.js';

/** An intent whose row only the clock chose scores this share of its coverage (see IntentResult.implicit). */
const IMPLICIT_TARGET = 0.85;

/** A figure in a question ("13.9", "28500", "45"): the answer must account for it, as for a year. */
const FIGURE = /^(\d+\.\d+|\d{2,})$/;
/** A word of this many people's names is a title ("장관", "ambassador"), not a name. */
const TITLE_NAMES = 3;
/** The share of what a question asks about a person (beyond their name) a fact must account for. */
const PERSON_ASKED = 0.3;

/** Question words a follow-up may consist of ("why?", "how?", "when?"): they pick the kind of fact. */
const QUESTION_WORDS = new Set(['why', 'how', 'when', 'where', 'who']);
/** The lexicon's words for saying and for what was said, and the question kinds that ask something else of a statement. */
const SAYING = new Set(['say', 'remark']);
/**
 * "The next summit", "upcoming talks": a fact tells of what happened; only one that is about what
 * comes next (a round announced, a deadline) answers a question about it.
 */
const AHEAD = new Set(['next', 'upcoming']);
/** A statistic asked for ("the average salary"): a fact that states none does not answer. */
const STATISTIC = 'average';
/** The lexicon's word for the present (rn, currently, 지금, 현재), and the words that ask a figure. */
const NOW = 'now';
const FIGURE_ASKS = new Set(['howmuch', 'howmany']);
/** Question words a noun right after is what is asked for ("what format", "which job"). */
const ASKED_BY = new Set(['what', 'which', 'whose']);
const OTHER_ASKS = new Set(['why', 'how', 'when', 'where', 'howmuch', 'howmany', 'howlong']);

/** Against a table answer, a fact whose as-of date is after the clock's day counts this share (see route). */
const LATER_FACT = 0.9;

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
  /** What an earlier build of this same record learned (`normaliser.learned()` right after it): its learning is skipped. */
  learned?: LearnedWords;
}

/** A responder, what it was built from, and the same build asked at other bars. */
export interface RecordResponder extends Responder {
  index: FactIndex;
  normaliser: Normaliser;
  /** The same record and clock at other bars (unset ones at the defaults), without rebuilding anything. */
  withThresholds(thresholds: Partial<Thresholds>): Responder;
}

export function createResponder(kb: Knowledge, options: ResponderOptions = {}): RecordResponder {
  const clock = options.clock ?? (() => new Date());
  const normaliser = new Normaliser(kb.lexicon);
  if (options.learned) normaliser.restoreLearned(options.learned);
  else {
    normaliser.korean.learn(koreanBase(kb), koreanTexts(kb));
    normaliser.learnVocabulary(vocabularyOf(kb), [...proseOf(kb), ...koreanTexts(kb)]);
  }
  const book = compileIntents(kb.intents, normaliser);
  const analyser = new Analyser(kb, normaliser);
  const vocabularies = Object.values(book).map((i) => i.vocabulary);
  const mentions = publishersOf(kb, normaliser);
  const publishers = new Set(kb.lexicon.publishers);
  // The words of people's names (negotiators, and people the glossary names).
  const personWords = new Set(
    [...kb.agreements.flatMap((a) => a.negotiators.map((n) => n.name)), ...kb.glossary.terms.filter((t) => t.kind === 'person').flatMap((t) => [t.en, t.ko])].flatMap((n) =>
      normaliser.contentOf(n),
    ),
  );
  const nameWords = namesOf(kb, normaliser);
  /** The name words a reply's text holds (answer texts recur question after question). */
  const namesFound = new Map<string, string[]>();
  const namesIn = (text: string): string[] => {
    let found = namesFound.get(text);
    if (!found) {
      found = normaliser.fold(basicTokens(text)).filter((w) => nameWords.has(w));
      if (namesFound.size > 20_000) namesFound.clear();
      namesFound.set(text, found);
    }
    return found;
  };
  const verifyWords = new Set(kb.intents.verify.flatMap((w) => normaliser.contentOf(w)));
  // Facts that report what someone said: their question or a phrasing asks it, or their answer
  // tells it ("say" is a stop word for matching, so it is looked for among all the words).
  const saying = new Set(
    kb.facts
      .filter((f) =>
        [f.question, ...f.phrasings, f.answer, ...(f.ko ? [f.ko.question, ...f.ko.phrasings, f.ko.answer] : [])].some((t) =>
          normaliser.fold(basicTokens(t)).some((w) => SAYING.has(w)),
        ),
      )
      .map((f) => f.id),
  );
  const indexes = { en: new FactIndex(kb.facts, normaliser, vocabularies, 'en', mentions), ko: new FactIndex(kb.facts, normaliser, vocabularies, 'ko', mentions) };
  const index = indexes.en;
  /** Each language's phrasings, with their own word weights. */
  const indexFor = (q: Question) => indexes[q.language];
  const matchedOn = new Set([...indexes.en.tokens(), ...indexes.ko.tokens()]);
  normaliser.setMeaningful(matchedOn);
  /** The words of a table reply's text, as a question's are read (Korean endings cut); bounded like namesFound. */
  const replyWords = new Map<string, Set<string>>();
  const wordsOfReply = (text: string): Set<string> => {
    let found = replyWords.get(text);
    if (!found) {
      found = new Set(normaliser.fold(normaliser.corrected(text)));
      if (replyWords.size > 20_000) replyWords.clear();
      replyWords.set(text, found);
    }
    return found;
  };
  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const cite = (ids: Iterable<string>): SourceRef[] => {
    const out: SourceRef[] = [];
    for (const id of new Set(ids)) {
      const s = sourceById.get(id);
      if (s)
        out.push({
          id: s.id,
          publisher: s.publisher,
          title: s.title,
          ...(s.url ? { url: s.url } : {}),
          date: s.published,
          ...(s.approximate ? { approximate: true } : {}),
          ...(s.note ? { note: s.note } : {}),
        });
    }
    return out;
  };

  const factAnswer = (fact: Fact, confidence: number, now: Date, lang: Language): Answer => {
    const sources = localSources(kb, cite(fact.sources), lang);
    return {
      kind: 'answer',
      matched: true,
      intent: 'fact',
      title: factQuestion(fact, lang),
      text: factAnswerText(fact, lang),
      factIds: [fact.id],
      sources,
      asOf: fact.asOf,
      // As of a clock before the fact's sources, the view says that the answer draws on later sources.
      clockDay: isoDay(now),
      confidence,
      suggestions: fact.related
        .map((id) => index.get(id))
        .filter((f): f is Fact => !!f)
        .slice(0, MAX_SUGGESTIONS)
        .map((f) => ({ question: factQuestion(f, lang), factId: f.id })),
      language: lang,
    };
  };

  const reply = (a: Omit<Answer, 'factIds' | 'sources' | 'confidence' | 'matched'> & Partial<Answer>): Answer => ({
    factIds: [],
    sources: [],
    confidence: 0,
    matched: false,
    ...a,
  });

  const asSuggestions = (ranked: Ranked[], lang: Language): Suggestion[] =>
    ranked.slice(0, MAX_SUGGESTIONS).map((r) => ({ question: factQuestion(r.fact, lang), factId: r.fact.id }));
  const recordDate = newest(kb.sources.map((s) => s.published));
  const contextFor = (q: Question, now: Date, opts: AskOptions, request?: AskRequest): IntentContext => ({
    kb,
    q,
    slots: { ...q.slots, ...(request ? stripIntent(request) : {}) },
    now,
    lang: opts.language ?? q.language,
    previous: opts.previous,
    book,
    structured: !!request,
    cite,
  });
  const starters = (q: Question, now: Date, opts: AskOptions) => intentSuggestions(contextFor(q, now, opts), 'summary', 'next-round', 'contribution');
  const notice = (intent: 'invalid-input' | 'off-topic', title: string, text: string, suggestions: Suggestion[], language: Language): Answer =>
    reply({ kind: 'unknown', intent, title, text, suggestions, language });

  /** A command or a button: the intent and its slots are given, nothing is re-parsed. */
  function askRequest(request: AskRequest, opts: AskOptions): Answer {
    const now = opts.now ?? clock();
    const q = analyser.analyse('', now);
    const handler = INTENTS.find((i) => i.name === request.intent);
    const result = handler?.detect(contextFor(q, now, opts, request));
    if (result) return result.answer;
    const m = messages(opts.language ?? q.language).responder;
    return notice('invalid-input', m.notAvailableTitle, m.notAvailable, starters(q, now, opts), opts.language ?? q.language);
  }

  /** A short question ("why?", "why so much?") asked with one of these question words. */
  function asksBehind(q: Question, words: readonly string[]): boolean {
    return q.tokens.some((t) => words.includes(t)) && q.content.length <= 2;
  }

  /**
   * What a table answer's own text accounts for beyond its intent's words: the figures the question
   * quotes that it states (more precisely: "1.51 trillion" for 1.5192), and then the words asking
   * whether they are right ("correct?"), since the reply confirms or corrects them; and the
   * publishers it cites.
   */
  function statedBy(q: Question, answer: Answer): Set<string> {
    const out = new Set(q.content.filter((w) => FIGURE.test(w) && approximates(q, w, answer.text)));
    if (out.size) for (const w of verifyWords) out.add(w);
    // A word only the record's table text uses (no fact or intent matches on it: "이행약정", the
    // Implementation Arrangement of a signing's note) is accounted for by a reply that says it.
    for (const w of q.content) if (!matchedOn.has(w) && normaliser.knows(w) && wordsOfReply(answer.text).has(w)) out.add(w);
    for (const s of answer.sources) for (const p of publisherWords(s.publisher)) out.add(p);
    return out;
  }

  /** The publisher words of a source's publisher ("Korea Herald (Yonhap)" → koreaherald, yonhap), once each. */
  const publisherNames = new Map<string, string[]>();
  function publisherWords(name: string): string[] {
    let words = publisherNames.get(name);
    if (!words) publisherNames.set(name, (words = normaliser.namedIn(name, publishers)));
    return words;
  }
  /**
   * Asking at one operating point (the answer, "did you mean" and suggestion bars). Everything
   * above is built once per record; a sweep (`sma eval --sweep`) asks at hundreds of points and
   * builds the record's indexes only once (see withThresholds).
   */
  function askingAt(bars: Thresholds): Responder['ask'] {
    const { answer: ANSWER_BAR, clarify: CLARIFY_BAR, suggest: SUGGEST_BAR, margin } = bars;
    function ask(input: string | AskRequest, opts: AskOptions = {}): Answer {
      if (typeof input !== 'string') return askRequest(input, opts);
      const now = opts.now ?? clock();
      const trimmed = input.trim();
      const empty = analyser.analyse('', now);
      const before = opts.language ?? empty.language;
      const m = messages(before).responder;
      if (!trimmed) {
        return notice('invalid-input', m.emptyTitle, m.empty, starters(empty, now, opts), before);
      }
      if (trimmed.length > MAX_QUESTION_LENGTH) {
        return notice('invalid-input', m.tooLongTitle, m.tooLong(trimmed.length, MAX_QUESTION_LENGTH), starters(empty, now, opts), before);
      }
      const q = analyser.analyse(trimmed, now);
      const lang = opts.language ?? q.language;
      if (!q.tokens.length) {
        return notice('invalid-input', messages(lang).responder.noWordsTitle, messages(lang).responder.noWords, starters(q, now, opts), lang);
      }
      if (q.offTopic.length) {
        return notice('off-topic', messages(lang).responder.offTopicTitle, messages(lang).responder.offTopic(q.offTopic[0]!), starters(q, now, opts), lang);
      }
      const ctx = contextFor(q, now, opts);
      const fresh = route(q, ctx, now, opts);
      return opts.previous ? followUp(q, fresh, opts.previous, now, opts) : fresh;
    }

    /**
     * A question that leans on the previous answer is asked again as that answer's request with what
     * it changes; "why?" and "more" look for the fact behind the previous answer. A question that
     * stands on its own starts afresh.
     */
    function followUp(q: Question, fresh: Answer, previous: Answer, now: Date, opts: AskOptions): Answer {
      const confident = fresh.kind === 'answer' && fresh.intent !== 'help' && fresh.intent !== 'greeting';
      if (confident && !leansOnPrevious(q)) return fresh;
      const lang = opts.language ?? q.language;
      // "Why so much?", "how did it end?": a table row cannot say why or how, so the fact behind the
      // previous answer comes first; "when?", "who?" are asked of the row again.
      if (previous.matched && asksBehind(q, ['why', 'how'])) {
        const behind = behindOf(q, previous, now);
        if (behind) return factAnswer(behind.fact, behind.confidence, now, lang);
      }
      const request = followUpRequest(q, previous, book, (title) => analyser.analyse(title, now));
      if (request) {
        const again = askRequest(request, { ...opts, previous: undefined, language: opts.language ?? q.language });
        // A table reply about the same row (even "the record has no figure for 2020") beats a guess,
        // and a question that points back means that row, not whatever else its words match.
        if (again.kind === 'answer' || ((!confident || pointsBack(q)) && again.intent !== 'invalid-input')) return again;
      }
      if (confident || !previous.matched) return fresh;
      // "more": the previous answer's first follow-up.
      if (q.tokenSet.has('more') && q.content.length <= 1 && previous.suggestions[0]) {
        const s = previous.suggestions[0];
        return s.request ? askRequest(s.request, opts) : ask(s.question, { now, language: opts.language });
      }
      // Only a short question asked with a question word ("why?", "why so early?", "how did it
      // end?") looks behind the previous answer; any other question not understood stays so.
      if (!asksBehind(q, [...QUESTION_WORDS])) return fresh;
      const behind = behindOf(q, previous, now);
      if (behind) return factAnswer(behind.fact, behind.confidence, now, lang);
      if (!q.content.length) {
        return reply({
          kind: 'unknown',
          intent: 'none',
          title: messages(lang).responder.unknownTitle,
          text: messages(lang).responder.nothingMore(previous.title),
          suggestions: previous.suggestions.length ? previous.suggestions : starters(q, now, opts),
          language: lang,
        });
      }
      return fresh;
    }

    /**
     * The fact that asks the same kind of question ("why", "how") about the previous answer's
     * subject: its heading and the row it was about (a year, an agreement) with the new words.
     */
    function behindOf(q: Question, previous: Answer, now: Date) {
      const r = previous.request;
      // The row, and the figures the previous answer led with ("+13.9%"): what "why so much?" is about.
      const lead = previous.text.split(/(?<=\.)\s/)[0] ?? '';
      const figures = [...lead.matchAll(/\d+\.\d+%|\d+(\.\d+)?%/g)].map((m) => m[0]);
      const row = [r?.year, r?.agreement !== undefined ? `${ordinal(r.agreement)} sma` : undefined, ...figures].filter(Boolean).join(' ');
      const merged = analyser.analyse(`${previous.title} ${row} ${q.raw}`, now);
      const kinds = q.tokens.filter((t) => QUESTION_WORDS.has(t));
      const best = indexFor(merged)
        .rank(merged, 10)
        .find((x) => !previous.factIds.includes(x.fact.id) && kinds.every((k) => index.asks(x.fact.id, k)));
      return best && best.confidence >= CLARIFY_BAR ? best : undefined;
    }

    function route(q: Question, ctx: IntentContext, now: Date, opts: AskOptions): Answer {
      // Only function words ("what can you do?"): the help text.
      if (!q.content.length) return helpIntent.detect({ ...ctx, structured: true })!.answer;

      let best: { result: IntentResult; confidence: number; explains: (w: string) => boolean } | undefined;
      for (const intent of INTENTS) {
        const result = intent.detect(ctx);
        if (!result) continue;
        const stated = statedBy(q, result.answer);
        const explains = (w: string) => result.explained.has(w) || stated.has(w);
        const coverage = indexFor(q).coverageOf(q.content, explains);
        // One score for both routes: an intent has no phrasings, so its phrasing and similarity terms are its coverage.
        const confidence = routeScore({ coverage, phrasing: coverage, similarity: coverage }) * (result.implicit ? IMPLICIT_TARGET : 1);
        if (!best || confidence > best.confidence) best = { result, confidence, explains };
      }
      // At a clock before a fact's sources, the fact tells of later events: a table answer for that
      // day is the better reply when both fit.
      const day = isoDay(now);
      const ranked = indexFor(q).rank(q);
      const top = ranked[0];
      // A fact's score against a table answer for that day (facts among themselves keep their own).
      const against = (r: Ranked) => (r.fact.asOf > day ? r.confidence * LATER_FACT : r.confidence);
      const intentWins = best && (!top || best.confidence >= against(top));
      // A route that leaves a salient word unexplained (one the record never uses, a year, a date)
      // would answer something else than what was asked: it may be offered, never given.
      // The person a question names is salient too (Lee Tae-woo's successor is not DeHart's): a
      // route must account for one word of their name ("James DeHart" may be just "DeHart"), or
      // its text must name them.
      const named = q.content.filter((w) => nameWords.has(w));
      // Two agreements named ("10차랑 12차 비교", "the 10th and the 12th") are each salient: a route
      // about one of them answers half of the question.
      const agreementsNamed = agreementOrdinals(q.content);
      const compared = agreementsNamed.size > 1 ? [...agreementsNamed] : [];
      const salient = (explains: (w: string) => boolean, text: string) =>
        q.content.some((w) => (q.unknown.includes(w) || YEAR_TOKEN.test(w) || FIGURE.test(w) || w === DATE_TOKEN) && !explains(w)) ||
        compared.some((w) => !explains(w)) ||
        (named.length > 0 && !named.some(explains) && !namesIn(text).some((w) => named.includes(w)));
      // "How many X" and "how much" are salient too: the reply must state a count of X, an amount.
      const answersKind = (text: string, explains: (w: string) => boolean) => !unansweredKinds(q, text, normaliser, explains, nameWords).length;
      // A table reply that the record names no one ("no US negotiator is on record") answers "who" too.
      const intentAnswersWho = (w: string) => best!.explains(w) || (w === 'who' && !best!.result.answer.matched);
      // "What did North Korea say about the 12th SMA?" asks for a statement: only a fact that reports
      // one answers it (the 12th SMA negotiator's profile does not). "When did he say…", "how much
      // did he say…" and "X said…, right?" ask something else of the statement. (Korean asks it
      // in the one word: 뭐라고 했어.) A table row reports no one's words: it does not answer what a
      // person the question names said.
      // The question word that comes first is what is asked ("what did Biden say when…" asks what).
      const firstAsked = q.tokens.find((t) => t === 'what' || OTHER_ASKS.has(t));
      const asksWhatWasSaid = q.tokens.some((w) => SAYING.has(w)) && (firstAsked === 'what' || (q.language === 'ko' && !firstAsked)) && !q.tokens.some((t) => verifyWords.has(t));
      const rowQuotes = asksWhatWasSaid && q.content.some((w) => personWords.has(w) || nameWords.has(w));
      const intentAnswers =
        !!best && best.confidence >= ANSWER_BAR && !rowQuotes && !salient(best.explains, best.result.answer.text) && answersKind(best.result.answer.text, intentAnswersWho);
      if (best && intentWins && intentAnswers) return { ...best.result.answer, confidence: best.confidence };
      // Only facts that account for every salient word can be given ("the WSJ report in July 2020"
      // is the July 2020 report, however well a 2025 one matches the rest); the others may be offered.
      // A person's name does not make an answer on its own: what is asked about them ("how old",
      // "where did he study") must be what the fact is about too.
      const asked = q.content.filter((w) => !personWords.has(w));
      const aboutThePerson = (explains: (w: string) => boolean) => asked.length === q.content.length || !asked.length || indexFor(q).coverageOf(asked, explains) >= PERSON_ASKED;
      // An agreement or round the question names ("the 11th SMA") rules out a fact about another one
      // (the 10th's initialing); a fact that names none may still answer.
      const ordinals = q.content.filter((w) => ORDINAL_TOKEN.test(w));
      const aboutAnother = (factId: string) => {
        if (!ordinals.length) return false;
        const own = [...indexFor(q).tokensOf(factId)].filter((t) => ORDINAL_TOKEN.test(t));
        return own.length > 0 && !ordinals.some((w) => own.includes(w));
      };
      // One English word the record never uses ("when did USFK *send* the notices") is most often a
      // paraphrase when a fact accounts for nearly all the rest; a subject the record lacks ("the
      // *weather* in Honolulu") leaves too little else for the fact to reach the bar.
      // And only for a fact asked the same way, or that gives a date to "when" ("where did he get
      // posted after the SMA job?" is not his profile's question).
      // Never the word asked for ("what *format*", "which *ceremony*"): that is the subject.
      const askedFor = new Set(q.tokens.filter((_, i) => i > 0 && ASKED_BY.has(q.tokens[i - 1]!)));
      const unknownEnglish = q.unknown.filter((w) => /^[a-z]+$/.test(w) && !askedFor.has(w));
      const askedAs = q.tokens.filter((t) => QUESTION_WORDS.has(t));
      // A figure asked as it is now ("the won–dollar rate right now", "현재 … 비율 몇 %") is not a
      // fact's figure of its own day (a conversion a paper used, a target): only a fact about the
      // present answers it. The tables answer "this year" by the clock.
      const asksFigureNow = q.content.includes(NOW) && q.tokens.some((t) => FIGURE_ASKS.has(t));
      const eligible = ranked.filter((r) => {
        if (aboutAnother(r.fact.id)) return false;
        const explains = (w: string) => indexFor(q).explains(r.fact.id, w, q);
        const paraphrase = (w: string) =>
          r.confidence >= UNEXPLAINED_WORD_BAR &&
          unknownEnglish.includes(w) &&
          q.unknown.filter((u) => !explains(u)).length === 1 &&
          askedAs.every((k) => indexFor(q).asks(r.fact.id, k) || (k === 'when' && indexFor(q).dated(r.fact.id)));
        // A fact asked "who…?" or "which (think tank)…?" in its phrasings answers who, whoever its text names.
        const answersWho = (w: string) => explains(w) || (w === 'who' && (indexFor(q).asks(r.fact.id, w) || indexFor(q).asks(r.fact.id, 'which')));
        const text = factAnswerText(r.fact, ctx.lang);
        return (
          !q.content.some((w) => (AHEAD.has(w) || w === STATISTIC) && !explains(w)) &&
          !(asksFigureNow && !explains(NOW)) &&
          (!asksWhatWasSaid || saying.has(r.fact.id)) &&
          !salient((w) => explains(w) || paraphrase(w) || (FIGURE.test(w) && approximates(q, w, r.fact.answer)), text) &&
          answersKind(r.fact.answer, answersWho) &&
          aboutThePerson(explains)
        );
      });
      const pick = eligible[0];
      // The question names an agreement and the best-scoring fact is about another one: the
      // named agreement's row is weighed against the facts that could be given, not that one.
      if (best && !intentWins && intentAnswers && top && aboutAnother(top.fact.id) && (!pick || best.confidence >= against(pick)))
        return { ...best.result.answer, confidence: best.confidence };
      if (pick && pick.confidence >= ANSWER_BAR && isClearWinner(eligible, margin)) return factAnswer(pick.fact, pick.confidence, now, ctx.lang);
      const close = ranked.filter((r) => r.confidence >= SUGGEST_BAR);
      const intentClose = best && best.confidence >= CLARIFY_BAR && best.result.answer.matched ? [{ question: best.result.answer.title }] : [];
      if ((top && top.confidence >= CLARIFY_BAR) || intentClose.length) {
        const options = [...intentClose, ...asSuggestions(close, ctx.lang)].slice(0, MAX_SUGGESTIONS);
        return reply({
          kind: 'clarify',
          intent: 'fact',
          title: messages(ctx.lang).responder.clarifyTitle,
          text: messages(ctx.lang).responder.clarify(options.map((o) => o.question)),
          confidence: Math.max(top?.confidence ?? 0, best?.confidence ?? 0),
          suggestions: options,
          language: ctx.lang,
        });
      }
      return reply({
        kind: 'unknown',
        intent: 'none',
        title: messages(ctx.lang).responder.unknownTitle,
        text: messages(ctx.lang).responder.unknown(recordDate, close.length > 0),
        confidence: top?.confidence ?? 0,
        suggestions: close.length ? asSuggestions(close, ctx.lang) : starters(q, now, opts),
        language: ctx.lang,
      });
    }

    return ask;
  }
  const ask = askingAt({ ...DEFAULT_THRESHOLDS, ...options.thresholds });

  function complete(partial: string, limit = 25): Suggestion[] {
    const all: Suggestion[] = [
      ...Object.values(book).map((i) => ({ question: i.question, request: { intent: i.name } })),
      ...kb.facts.map((f) => ({ question: f.question, factId: f.id })),
    ];
    const text = partial.trim().toLowerCase();
    if (!text) return all.slice(0, limit);
    const q = analyser.analyse(text, clock());
    const ranked = indexFor(q)
      .rank(q, limit)
      .map((r) => ({ question: r.fact.question, factId: r.fact.id }));
    const prefix = all.filter((s) => s.question.toLowerCase().includes(text));
    const seen = new Set<string>();
    return [...prefix, ...ranked].filter((s) => !seen.has(s.question) && seen.add(s.question)).slice(0, limit);
  }

  const withThresholds = (thresholds: Partial<Thresholds>): Responder => ({ ask: askingAt({ ...DEFAULT_THRESHOLDS, ...thresholds }), complete });
  return { ask, complete, index, normaliser, withThresholds };
}

/**
 * Every text whose words count as "known" to the record: questions, phrasings, keywords, answers,
 * table texts, places, names and publishers. A word outside all of them is a subject the record
 * does not hold; typos are corrected towards these words.
 */
function vocabularyOf(kb: Knowledge): string[] {
  return [
    ...kb.facts.flatMap((f) => [f.question, ...f.phrasings, ...f.keywords]),
    ...kb.rounds.flatMap((r) => [r.place, r.venue ?? '', r.when ?? '']),
    ...kb.agreements.flatMap((a) => a.negotiators.flatMap((n) => [n.name, n.title])),
    ...kb.sources.map((s) => s.publisher),
    ...kb.lexicon.offTopic,
    ...specWords(kb.intents),
  ];
}

/**
 * Whether a text states the number that a quoted decimal figure rounds or truncates ("1.5",
 * "1.51" for 1.5192 trillion), to the figure's own precision and with the same magnitude word.
 * Whole numbers ("10 billion", "18%") must be the record's own words: too many numbers would
 * match them by accident.
 */
function approximates(q: Question, w: string, text: string): boolean {
  if (!w.includes('.')) return false;
  const figure = Number(w);
  if (!Number.isFinite(figure)) return false;
  const next = q.content[q.content.indexOf(w) + 1];
  const magnitude = next && MAGNITUDES.has(next) ? next : '';
  const step = 10 ** -(w.split('.')[1]?.length ?? 0);
  for (const m of koreanAmounts(text).matchAll(/(\d[\d,]*(?:\.\d+)?)\s*([a-z]*)/g)) {
    const n = Number(m[1]!.replace(/,/g, ''));
    if (n >= figure - step / 2 && n < figure + step && (!magnitude || m[2] === magnitude)) return true;
  }
  return false;
}

/**
 * The words that name a person, in both languages, as answer texts are tokenised (answerKind). A
 * word of three names or more ("장관", "ambassador", "외교부" of the ministers) is a title (one
 * person may be listed twice, and two may share a name: "James"); a stop word or a lexicon concept
 * names no one by itself ("won" of Chang Won-sam is the currency) unless it is a surname (`trump`).
 */
function namesOf(kb: Knowledge, normaliser: Normaliser): Set<string> {
  const stopwords = new Set(kb.lexicon.stopwords);
  const tokens = (text: string) => normaliser.fold(basicTokens(text)).filter((w) => !stopwords.has(w));
  // Each name once: a negotiator is in the glossary too.
  const people = new Map(kb.agreements.flatMap((a) => a.negotiators.map((n): [string, string[]] => [n.name, [n.name]])));
  for (const t of kb.glossary.terms) if (t.kind === 'person') people.set(t.en, [t.en, t.ko]);
  const count = new Map<string, number>();
  for (const names of people.values()) for (const w of new Set(names.flatMap(tokens))) count.set(w, (count.get(w) ?? 0) + 1);
  const surnames = new Set([...people.keys()].flatMap((en) => tokens(en).slice(-1)));
  const concepts = new Set(Object.keys(kb.lexicon.synonyms));
  return new Set([...count].filter(([w, n]) => n < TITLE_NAMES && [...w].length >= 2 && !/\d/.test(w) && (!concepts.has(w) || surnames.has(w))).map(([w]) => w));
}

/** Per fact, the publishers (lexicon.yaml) its sources are from or its answer names. */
function publishersOf(kb: Knowledge, normaliser: Normaliser): Map<string, string[]> {
  const wanted = new Set(kb.lexicon.publishers);
  const publisher = new Map(kb.sources.map((s) => [s.id, s.publisher]));
  const out = new Map<string, string[]>();
  if (!wanted.size) return out;
  for (const f of kb.facts) {
    const named = new Set([f.answer, ...f.sources.map((id) => publisher.get(id) ?? '')].flatMap((t) => normaliser.namedIn(t, wanted)));
    if (named.size) out.set(f.id, [...named]);
  }
  return out;
}

/** The record's prose: answers and table texts (their words are known, not matched on). */
function proseOf(kb: Knowledge): string[] {
  return [
    ...kb.facts.map((f) => f.answer),
    ...kb.rounds.map((r) => r.summary ?? ''),
    ...kb.agreements.flatMap((a) => [a.terms ?? '', a.increaseRule ?? '', a.note ?? '', ...milestonesOf(a).map((m) => m.note ?? '')]),
  ];
}

/** An agreement's milestones on record: their notes are table text too ("the Implementation Arrangement was signed by…"). */
function milestonesOf(a: Knowledge['agreements'][number]) {
  return MILESTONE_KEYS.flatMap((k) => (a[k] ? [a[k]] : []));
}

/**
 * Korean words as they are: lexicon variants, stop words ("중간에" is 중간) and other subjects
 * ("독일은" is 독일), glossary names, fact keywords.
 */
function koreanBase(kb: Knowledge): string[] {
  const { synonyms, stopwords, offTopic } = kb.lexicon;
  return [...Object.values(synonyms).flat(), ...stopwords, ...offTopic, ...kb.glossary.terms.map((t) => t.ko), ...kb.facts.flatMap((f) => f.ko?.keywords ?? [])].filter(hasHangul);
}

/** Korean sentences, whose words may carry endings: questions, phrasings, answers, table texts. */
function koreanTexts(kb: Knowledge): string[] {
  return [
    ...kb.facts.flatMap((f) => (f.ko ? [f.ko.question, ...f.ko.phrasings, f.ko.answer] : [])),
    ...kb.rounds.flatMap((r) => [r.ko?.summary ?? '', r.ko?.dateNote ?? '']),
    ...kb.agreements.flatMap((a) => [a.ko?.terms ?? '', a.ko?.increaseRule ?? '', a.ko?.note ?? '', ...milestonesOf(a).map((m) => m.ko?.note ?? '')]),
  ].filter(hasHangul);
}

function stripIntent(request: AskRequest): Omit<AskRequest, 'intent'> {
  const { intent: _intent, ...slots } = request;
  return slots;
}
