/**
 * The shape of the curated record in `knowledge/`. One zod schema per file kind; cross-file
 * rules (dangling references, duplicate ids, date order) live in `crossChecks.ts` because zod
 * sees one file at a time.
 */
import { z } from 'zod';
import { INTENT_NAMES, type IntentName } from './intentNames.js';

export { INTENT_NAMES, type IntentName };

/** `2018-03-07`, or a partial date (`2018-11`, `2018`) where a source gives no day. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');
/**
 * A milestone's date: the day, or only the month (`1991-01`) where the sources give no day; an
 * answer then says the month and that the day is not in the sources.
 */
export const milestoneDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected a date as YYYY-MM-DD, or YYYY-MM where the sources give no day')
  .refine((s) => {
    const day = s.length === 7 ? `${s}-01` : s;
    return !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  }, 'not a real calendar date');
export const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY-MM-DD, YYYY-MM or YYYY');

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const sourceIds = z.array(id).min(1, 'cite at least one source');

/**
 * The Korean side of a fact: curated, not machine-translated. A fact without it is answered in
 * English with a one-line note in Korean (see the curator's guide).
 */
const koFact = z.strictObject({
  question: nonEmpty,
  phrasings: z.array(nonEmpty).min(5, 'give at least five Korean phrasings'),
  keywords: z.array(nonEmpty).default([]),
  answer: nonEmpty.max(700, 'answers stay short: at most 700 characters'),
});
/** Korean text for a table row's free-text fields; names and places come from glossary.yaml. */
const koText = <T extends Record<string, z.ZodType>>(fields: T) => z.strictObject(fields).optional();

export const sourceSchema = z.strictObject({
  id,
  publisher: nonEmpty,
  title: nonEmpty,
  /** Only http(s): every platform links it, and a `javascript:` or `mailto:` link must never reach one. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://www.example.org/page' }).optional(),
  published: partialDate,
  /** Marks a publication date inferred from the text rather than printed on the page. */
  approximate: z.boolean().optional(),
  note: nonEmpty.optional(),
});
export const sourcesFile = z.strictObject({ sources: z.array(sourceSchema) });

export const factSchema = z.strictObject({
  id,
  question: nonEmpty,
  phrasings: z.array(nonEmpty).min(1, 'give at least one alternate phrasing'),
  keywords: z.array(nonEmpty).default([]),
  answer: nonEmpty.max(700, 'answers stay short: at most 700 characters'),
  sources: sourceIds,
  asOf: isoDate,
  related: z.array(id).default([]),
  ko: koFact.optional(),
});
export const factsFile = z.strictObject({ facts: z.array(factSchema) });

export const roundStatus = z.enum(['scheduled', 'held', 'postponed', 'cancelled']);

/** A dated variant where sources disagree (kept, attributed, never silently dropped). */
const dateVariant = z.strictObject({
  start: isoDate,
  end: isoDate.optional(),
  note: nonEmpty,
  sources: sourceIds,
  ko: koText({ note: nonEmpty }),
});

export const roundSchema = z.strictObject({
  id,
  agreement: id,
  round: z.number().int().positive(),
  /** A label where the numbering is not official, e.g. "8th (per Korean reports)". */
  label: nonEmpty.optional(),
  start: isoDate,
  end: isoDate.optional(),
  /** Rough wording kept as reported ("the second week of April"); start..end is then a window. */
  when: nonEmpty.optional(),
  /** What is not known about the dates, said plainly ("end date not found"). */
  dateNote: nonEmpty.optional(),
  place: nonEmpty,
  venue: nonEmpty.optional(),
  status: roundStatus,
  summary: nonEmpty.optional(),
  variants: z.array(dateVariant).optional(),
  sources: sourceIds,
  ko: koText({ summary: nonEmpty.optional(), when: nonEmpty.optional(), dateNote: nonEmpty.optional() }),
});
export const roundsFile = z.strictObject({ rounds: z.array(roundSchema) });

const milestone = z.strictObject({
  date: milestoneDate,
  place: nonEmpty.optional(),
  /** Who acted: signatories, the chamber that voted… */
  by: z.array(nonEmpty).optional(),
  note: nonEmpty.optional(),
  sources: sourceIds,
  ko: koText({ note: nonEmpty.optional() }),
});

const negotiator = z.strictObject({
  name: nonEmpty,
  side: z.enum(['korea', 'us']),
  title: nonEmpty,
  /** When this person led the side, if it changed during the talks. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  note: nonEmpty.optional(),
  sources: sourceIds,
  ko: koText({ title: nonEmpty.optional(), note: nonEmpty.optional() }),
});

export const agreementSchema = z.strictObject({
  id,
  number: z.number().int().min(1),
  period: z.strictObject({ from: z.number().int().min(1950), to: z.number().int().min(1950) }),
  /** First and last known dates of the negotiation (rounds fill this in when present). */
  talks: z.strictObject({ from: partialDate, to: partialDate.optional(), note: nonEmpty.optional(), ko: koText({ note: nonEmpty.optional() }) }).optional(),
  negotiators: z.array(negotiator).default([]),
  agreed: milestone.optional(),
  initialed: milestone.optional(),
  /** The Korean cabinet's approval (국무회의 의결), distinct from the National Assembly's consent (`ratified`). */
  cabinet: milestone.optional(),
  signed: milestone.optional(),
  ratified: milestone.optional(),
  inForce: milestone.optional(),
  /** Headline terms in one or two sentences: amount, increase, duration. */
  terms: nonEmpty.optional(),
  /** How yearly amounts change under this agreement. */
  increaseRule: nonEmpty.optional(),
  /** Anything a curator must say about gaps or conflicts. */
  note: nonEmpty.optional(),
  sources: sourceIds,
  ko: koText({ terms: nonEmpty.optional(), increaseRule: nonEmpty.optional(), note: nonEmpty.optional() }),
});
export const agreementsFile = z.strictObject({ agreements: z.array(agreementSchema) });

export const unitSchema = z.enum(['KRW-billion', 'USD-million']);
const amountVariant = z.strictObject({
  amount: z.number().positive(),
  unit: unitSchema,
  note: nonEmpty,
  sources: sourceIds,
  ko: koText({ note: nonEmpty }),
});
export const contributionSchema = z.strictObject({
  year: z.number().int().min(1950).max(2100),
  amount: z.number().positive(),
  unit: unitSchema,
  /** Change on the previous year as reported, in per cent. */
  change: z.number().optional(),
  note: nonEmpty.optional(),
  variants: z.array(amountVariant).optional(),
  sources: sourceIds,
  ko: koText({ note: nonEmpty.optional() }),
});
export const contributionsFile = z.strictObject({ contributions: z.array(contributionSchema) });

/** Words the normaliser folds together, and words it drops; curated beside the facts. */
export const lexiconFile = z.strictObject({
  synonyms: z.record(z.string().regex(/^[a-z0-9-]+$/, 'a canonical term is one lower-case word'), z.array(nonEmpty).min(1)),
  stopwords: z.array(nonEmpty),
  /**
   * The synonym words that name news organisations: a fact is found by the publishers its sources
   * are from or its answer names ("what did the WSJ report…").
   */
  publishers: z.array(nonEmpty).default([]),
  /** Subjects outside the record (other countries, other treaties): their presence means "not ours". */
  offTopic: z.array(nonEmpty).default([]),
  /**
   * Time words of other languages rewritten to the English phrase the date parser reads
   * ("지난주" → "last week"), so relative time resolves the same in every language.
   */
  timeWords: z.record(nonEmpty, nonEmpty).default({}),
  /**
   * Korean grammar the analyser cuts from the end of a word (particles, copulas, verb endings),
   * longest first, and only when what remains is a word the record knows.
   */
  koreanEndings: z.array(nonEmpty).default([]),
  /**
   * Korean connective and final verb endings ("-면서", "-다가", "-잖아"): a word the record does not
   * use that ends with one is a predicate, which never names a subject the record lacks.
   */
  koreanPredicateEndings: z.array(nonEmpty).default([]),
});

/**
 * What the table intents understand (knowledge/intents.yaml): per intent, the word groups that
 * must all occur, the words that hand a question elsewhere, the further words it accounts for,
 * and the aspects it can be asked about. Words are normalised like questions.
 */
const alternative = nonEmpty.regex(
  /^(!?[^\s!]+)( !?[^\s!]+)*$/,
  'an alternative is one or more words separated by single spaces, each optionally prefixed with ! (must not occur); @agreement, @round, @year, @date and @place stand for slots',
);
const intentSpec = z.strictObject({
  question: nonEmpty,
  when: z.array(z.array(alternative).min(1)).min(1, 'an intent needs at least one group of trigger words'),
  unless: z.array(alternative).default([]),
  words: z.array(alternative).default([]),
  aspects: z.record(z.string().regex(/^[a-zA-Z]+$/, 'aspect names are one word'), z.array(alternative).min(1)).optional(),
});
export const intentsFile = z.strictObject({
  /** Words of the subject itself (SMA, Korea, cost…): every intent accounts for them. */
  domain: z.array(alternative).default([]),
  /** Words that ask whether a quoted figure is right: accounted for by any answer stating the figure. */
  verify: z.array(alternative).default([]),
  intents: z.strictObject(Object.fromEntries(INTENT_NAMES.map((n) => [n, intentSpec])) as Record<IntentName, typeof intentSpec>),
});

/**
 * The Korean names of the people, titles, places, venues and publishers the record writes in
 * English, as the Korean press writes them (장원삼, 호놀룰루, 연합뉴스). `en` is the exact string
 * used in the record, so a Korean answer can swap one for the other; `sources` cite a Korean
 * source that prints the Korean form, where the record has one.
 */
export const glossaryKind = z.enum(['person', 'title', 'place', 'venue', 'publisher', 'organisation', 'other']);
export const glossaryTerm = z.strictObject({
  en: nonEmpty,
  ko: nonEmpty,
  kind: glossaryKind,
  sources: sourceIds.optional(),
});
export const glossaryFile = z.strictObject({ terms: z.array(glossaryTerm) });

export type Source = z.infer<typeof sourceSchema>;
export type Fact = z.infer<typeof factSchema>;
export type Round = z.infer<typeof roundSchema>;
export type RoundStatus = z.infer<typeof roundStatus>;
export type Agreement = z.infer<typeof agreementSchema>;
export type Milestone = z.infer<typeof milestone>;
export type Negotiator = z.infer<typeof negotiator>;
export type Contribution = z.infer<typeof contributionSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type Lexicon = z.infer<typeof lexiconFile>;
export type IntentSpec = z.infer<typeof intentSpec>;
export type IntentSpecs = z.infer<typeof intentsFile>['intents'];
export type IntentsData = z.infer<typeof intentsFile>;
export type Glossary = z.infer<typeof glossaryFile>;
export type GlossaryTerm = z.infer<typeof glossaryTerm>;
export type GlossaryKind = z.infer<typeof glossaryKind>;

/** The whole record once loaded and checked: what the core answers from. */
export interface Knowledge {
  sources: Source[];
  facts: Fact[];
  rounds: Round[];
  agreements: Agreement[];
  contributions: Contribution[];
  lexicon: Lexicon;
  intents: IntentsData;
  glossary: Glossary;
}
