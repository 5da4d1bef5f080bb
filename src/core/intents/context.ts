/**
 * What every intent gets (the question, the record, the clock) and the shared helpers that turn
 * a table lookup into an Answer with sources and an as-of date.
 */
import { newest } from '../../knowledge/dates.js';
import type { Knowledge } from '../../knowledge/schema.js';
import type { Answer, Intent, SourceRef, Suggestion } from '../answer.js';
import { stem, type Query } from '../normalise.js';

export interface IntentContext {
  kb: Knowledge;
  q: Query;
  now: Date;
  previous?: Answer;
  cite(ids: Iterable<string>): SourceRef[];
}

/** An intent's verdict: the answer, and which of the question's content words it accounts for. */
export interface IntentResult {
  answer: Answer;
  /** Content tokens this intent understood; the rest lower its confidence against fact matches. */
  explained: Set<string>;
}

export interface IntentHandler {
  name: Intent;
  detect(ctx: IntentContext): IntentResult | null;
}

/** Words every table intent may meet without them meaning something else. */
export const DOMAIN_WORDS = ['many', 'much', 'share', 'sharing', 'korea', 'us', 'sma', 'usfk', 'troop', 'negotiation', 'defense', 'alliance', 'cost', 'deal', 'agreement', 'washington'];

/** Whether the question holds any of these words (canonical lexicon words or plain words, stemmed alike). */
export function has(q: Query, ...words: string[]): boolean {
  return words.some((w) => q.tokens.includes(w) || q.tokens.includes(stem(w)));
}

/** Ordinals and numbers in the question, with what word follows them ("12th sma", "round 3"). */
export function numbersIn(q: Query): { value: number; next?: string; prev?: string }[] {
  const out: { value: number; next?: string; prev?: string }[] = [];
  q.content.forEach((t, i) => {
    const m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(t);
    if (m) out.push({ value: Number(m[1]), next: q.content[i + 1], prev: q.content[i - 1] });
  });
  return out;
}

const AGREEMENT_WORDS = new Set(['sma', 'agreement', 'deal', 'accord', 'pact', 'negotiation', 'treaty', 'contract']);

/**
 * Whether "Nth talks" means the talks on the Nth SMA (their rounds are on record) rather than the
 * Nth round ("the first talks were held in Honolulu").
 */
function talksOfAgreement(kb: Knowledge | undefined, n: number): boolean {
  if (!kb) return true;
  const a = kb.agreements.find((x) => x.number === n);
  return !!a && kb.rounds.some((r) => r.agreement === a.id);
}

/** "the 10th SMA", "SMA 11", "the 12th deal", "11th talks": the agreement number asked about. */
export function agreementNumber(q: Query, kb?: Knowledge): number | undefined {
  for (const n of numbersIn(q)) {
    if (n.next === 'negotiation' && !talksOfAgreement(kb, n.value)) continue;
    if (n.next && AGREEMENT_WORDS.has(n.next)) return n.value;
    if (n.prev === 'sma' && n.next !== 'round') return n.value;
  }
  return undefined;
}

/** "round 3", "3rd round", "the third meeting" (meeting folds into round), "the first talks". */
export function roundNumber(q: Query, kb?: Knowledge): number | undefined {
  for (const n of numbersIn(q)) {
    if (n.next === 'negotiation' && !talksOfAgreement(kb, n.value)) return n.value;
    if (n.next && AGREEMENT_WORDS.has(n.next)) continue;
    if (n.next === 'round' || n.prev === 'round') return n.value;
  }
  return undefined;
}

export function tableAnswer(
  ctx: IntentContext,
  a: { intent: Intent; title: string; text: string; sources: Iterable<string>; suggestions?: Suggestion[]; factIds?: string[]; asOf?: string },
): Answer {
  const sources = ctx.cite(a.sources);
  return {
    kind: 'answer',
    matched: true,
    intent: a.intent,
    title: a.title,
    text: a.text,
    factIds: a.factIds ?? [],
    sources,
    asOf: a.asOf ?? asOfDate(sources.map((s) => s.date)),
    confidence: 1,
    suggestions: a.suggestions ?? [],
  };
}

/** The newest of the sources' dates; a partial one ("2018-11") counts as its last day and stays partial. */
export function asOfDate(dates: string[]): string | undefined {
  return newest(dates);
}

/** An intent's vocabulary, built once at module load: its words, their stems, and the domain words. */
export function vocabulary(words: Iterable<string>): ReadonlySet<string> {
  return new Set([...DOMAIN_WORDS, ...words].flatMap((w) => [w, stem(w)]));
}

/** The question's content words that an intent's vocabulary accounts for (numbers always are). */
/** The newest day-precise publication date in the record: what "nothing newer is known" is as of. */
export function latestFullDate(kb: Knowledge): string | undefined {
  return newest(kb.sources.map((s) => s.published).filter((d) => d.length === 10));
}

export function explained(q: Query, vocab: ReadonlySet<string>): Set<string> {
  return new Set(q.content.filter((t) => vocab.has(t) || /^\d/.test(t)));
}

/** "What does the money pay for?" asks what it covers (a fact), not how much or when. */
export const PURPOSE = /\b(pay|pays|paid|paying|spent|spend|used|go|goes|went) (for|on|to|toward|towards)\b|\b(cover|covers|covered|categor\w*|breakdown|items?)\b/;

/** The canonical questions of the table intents, used as suggestions and autocomplete entries. */
export const INTENT_QUESTIONS = {
  nextRound: 'When is the next round?',
  latestRound: 'What happened in the latest round?',
  rounds: 'How many rounds so far?',
  summary: 'What is the latest status?',
  contribution: 'How much does Korea pay this year?',
  agreement: 'What does the current agreement say?',
  negotiators: 'Who are the negotiators?',
} as const;
