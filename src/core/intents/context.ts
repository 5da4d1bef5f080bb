/**
 * What every intent gets (the understood question, its slots, the record, the clock, its own
 * compiled vocabulary) and the shared helpers that turn a table lookup into an Answer with sources
 * and an as-of date.
 */
import { newest } from '../../knowledge/dates.js';
import { INTENT_NAMES, type IntentName } from '../../knowledge/intentNames.js';
import type { Knowledge } from '../../knowledge/schema.js';
import type { Answer, AskRequest, Intent, Language, SourceRef, Suggestion } from '../answer.js';
import { isoDay } from '../format.js';
import { locale, localSources, type Locale } from '../i18n/index.js';
import { DATE_TOKEN, type Question, type Slots } from '../understand/analyse.js';
import { aspectsAsked, triggered, type CompiledIntent, type IntentBook } from './spec.js';

export type Side = 'korea' | 'us';

/** Slots as an intent reads them: found in a question's words, or given by a button or command. */
export interface RequestSlots extends Slots {
  year?: number;
  side?: Side;
  aspects?: string[];
}

export interface IntentContext {
  kb: Knowledge;
  q: Question;
  slots: RequestSlots;
  now: Date;
  /** The language to answer in (the analyser's detection, or the user's choice). */
  lang: Language;
  previous?: Answer;
  book: IntentBook;
  /** True when a command or button named the intent: its words need not be in the question. */
  structured: boolean;
  cite(ids: Iterable<string>): SourceRef[];
}

/** An intent's verdict: the answer, and which of the question's content words it accounts for. */
export interface IntentResult {
  answer: Answer;
  /** Content tokens this intent understood; the rest lower its score against facts. */
  explained: Set<string>;
  /**
   * True when the row was chosen by the clock alone ("when does the deal expire?" = the current
   * one): a guess at what was meant, so a fact that says every word of the question beats it.
   */
  implicit?: boolean;
}

export interface IntentHandler {
  name: IntentName;
  detect(ctx: IntentContext): IntentResult | null;
}

/** The catalogue and the record's names in the answer's language. */
export function loc(ctx: IntentContext): Locale {
  return locale(ctx.kb, ctx.lang);
}

export function spec(ctx: IntentContext, name: IntentName): CompiledIntent {
  return ctx.book[name];
}

/** Whether the intent's trigger words are present (always, for a structured request). */
export function asked(ctx: IntentContext, name: IntentName): boolean {
  return ctx.structured || triggered(ctx.book[name], ctx.q.tokenSet);
}

/** The aspects asked about: given by the request, or found among the intent's aspect words. */
export function aspects(ctx: IntentContext, name: IntentName): string[] {
  return ctx.slots.aspects ?? aspectsAsked(ctx.book[name], ctx.q.tokenSet);
}

/** Whether the question holds any of these canonical tokens (lexicon words, stemmed alike). */
export function has(ctx: IntentContext, ...tokens: string[]): boolean {
  return tokens.some((t) => ctx.q.tokenSet.has(t));
}

/** Rounds asked of by where they were held: a place the question names, or "held in" a country ("미국서 열린 회의"). */
export function countsByPlace(ctx: IntentContext): boolean {
  return ctx.slots.places.length > 0 || (has(ctx, 'held') && has(ctx, 'korea', 'us'));
}

/** The side asked about ("the US negotiator", "Seoul's team"), if exactly one is. */
export function sideAsked(ctx: IntentContext): Side | undefined {
  if (ctx.slots.side) return ctx.slots.side;
  const korea = has(ctx, 'korea');
  const us = has(ctx, 'us', 'washington');
  return korea === us ? undefined : korea ? 'korea' : 'us';
}

/**
 * The question's content words the intent accounts for: its vocabulary, slot numbers, and the slots it
 * used (a date phrase, place words).
 */
/** Numbers a table intent accounts for: ordinals, years and small counts; not figures ("787", "13.9"), which facts check. */
const SLOT_NUMBER = /^(\d{1,2}(st|nd|rd|th)?|(19|20)\d\d)$/;

export function explainedBy(ctx: IntentContext, name: IntentName, used: { date?: boolean; place?: boolean } = {}): Set<string> {
  const vocab = ctx.book[name].vocabulary;
  return new Set(ctx.q.content.filter((t) => vocab.has(t) || SLOT_NUMBER.test(t) || (used.date && t === DATE_TOKEN) || (used.place && ctx.q.placeTokens.has(t))));
}

export function tableAnswer(
  ctx: IntentContext,
  a: {
    intent: Intent;
    title: string;
    text: string;
    sources: Iterable<string>;
    suggestions?: Suggestion[];
    factIds?: string[];
    asOf?: string;
    found?: boolean;
    /** The question fits several rows and the reply asks which (its suggestions are the rows): not an answer. */
    ask?: boolean;
    /** The row the answer resolved to, for follow-ups (see Answer.request). */
    about?: Omit<AskRequest, 'intent'>;
  },
): Answer {
  const sources = localSources(ctx.kb, ctx.cite(a.sources), ctx.lang);
  // A reply that says the record lacks the answer is not an answer: `matched` is false.
  const found = (a.found ?? true) && !a.ask;
  return {
    kind: a.ask ? 'clarify' : found ? 'answer' : 'unknown',
    matched: found,
    intent: a.intent,
    title: a.title,
    text: a.text,
    factIds: a.factIds ?? [],
    sources,
    asOf: a.asOf ?? newest(sources.map((s) => s.date)),
    clockDay: isoDay(ctx.now),
    confidence: 1,
    suggestions: a.suggestions ?? [],
    language: ctx.lang,
    ...(INTENT_NAMES.includes(a.intent as IntentName) ? { request: { intent: a.intent as IntentName, ...a.about } } : {}),
  };
}

/** The newest day-precise publication date in the record: what "nothing newer is known" is as of. */
export function latestFullDate(kb: Knowledge): string | undefined {
  return newest(kb.sources.map((s) => s.published).filter((d) => d.length === 10));
}

/**
 * The canonical question of an intent: headings, suggestions and buttons. English ones are
 * knowledge/intents.yaml's `question:`; the catalogue holds those of other languages.
 */
export function canonical(ctx: IntentContext, name: IntentName): string {
  return loc(ctx).t.questions?.[name] ?? ctx.book[name].question;
}

/** Suggestions naming other intents by their canonical questions, with the request that asks them. */
export function intentSuggestions(ctx: IntentContext, ...names: IntentName[]): Suggestion[] {
  return names.map((name) => ({ question: canonical(ctx, name), request: { intent: name } }));
}
