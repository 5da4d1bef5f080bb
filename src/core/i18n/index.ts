/**
 * The message catalogue: every text the core writes, in English (en.ts) and Korean (ko.ts), and
 * the record's own strings in the answer's language — names, titles, places, venues and
 * publishers through glossary.yaml, free text through each row's `ko` fields. A string the
 * glossary does not list, or a field without Korean, stays as recorded (English).
 */
import type { Fact, Knowledge } from '../../knowledge/schema.js';
import type { Language, SourceRef } from '../answer.js';
import { en, type Catalogue } from './en.js';
import { ko } from './ko.js';

export type { Catalogue } from './en.js';

const CATALOGUES: Record<Language, Catalogue> = { en, ko };

export function messages(lang: Language): Catalogue {
  return CATALOGUES[lang];
}

/** A row with free-text fields and their Korean counterparts (`ko: { summary, note… }`). */
type Localised<F extends string> = Partial<Record<F, string>> & { ko?: Partial<Record<F, string>> };

export interface Locale {
  lang: Language;
  t: Catalogue;
  /** A person, title, place, venue or publisher of the record, in the answer's language. */
  name(recorded: string): string;
  /** A row's free text in the answer's language: its `ko` field in Korean, else the recorded text. */
  text<F extends string>(row: Localised<F>, field: F): string | undefined;
  /** Whether the glossary files `recorded` as a venue (a video conference is not a city). */
  isVenue(recorded: string): boolean;
}

interface GlossaryIndex {
  ko: Map<string, string>;
  venues: Set<string>;
}

/** Built once per loaded record: the glossary is looked up for every name of every Korean answer. */
const glossaries = new WeakMap<Knowledge, GlossaryIndex>();

function glossaryOf(kb: Knowledge): GlossaryIndex {
  let index = glossaries.get(kb);
  if (!index) {
    const terms = kb.glossary?.terms ?? [];
    index = { ko: new Map(terms.map((t) => [t.en, t.ko])), venues: new Set(terms.filter((t) => t.kind === 'venue').map((t) => t.en)) };
    glossaries.set(kb, index);
  }
  return index;
}

export function locale(kb: Knowledge, lang: Language): Locale {
  const glossary = glossaryOf(kb);
  return {
    lang,
    t: messages(lang),
    name: (recorded) => (lang === 'ko' ? (glossary.ko.get(recorded) ?? recorded) : recorded),
    text: (row, field) => (lang === 'ko' ? (row.ko?.[field] ?? row[field]) : row[field]),
    isVenue: (recorded) => glossary.venues.has(recorded),
  };
}

/** Sources as an answer in `lang` cites them: the publisher through the glossary, the title as recorded. */
export function localSources(kb: Knowledge, sources: SourceRef[], lang: Language): SourceRef[] {
  if (lang === 'en') return sources;
  const l = locale(kb, lang);
  return sources.map((s) => ({ ...s, publisher: l.name(s.publisher) }));
}

/** A fact's question (its heading, and how a suggestion names it) in `lang`, or as recorded. */
export function factQuestion(fact: Fact, lang: Language): string {
  return lang === 'ko' && fact.ko ? fact.ko.question : fact.question;
}

/**
 * A fact's answer in `lang`. A fact without its Korean side is answered in English under a
 * one-line Korean note, so a Korean reader knows why (the schema allows the `ko` block to be missing).
 */
export function factAnswerText(fact: Fact, lang: Language): string {
  if (lang === 'en') return fact.answer;
  return fact.ko ? fact.ko.answer : `${messages(lang).responder.untranslated}\n${fact.answer}`;
}
