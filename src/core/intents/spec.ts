/**
 * knowledge/intents.yaml compiled against the normaliser: each alternative becomes the canonical
 * tokens it needs (and those it must not meet), so intents match questions in the same token space
 * as facts, and a synonym added to the lexicon reaches them without code.
 */
import type { IntentName, IntentsData } from '../../knowledge/schema.js';
import { basicTokens, type Normaliser } from '../normalise.js';

interface Alternative {
  need: string[];
  not: string[];
}

export interface CompiledIntent {
  name: IntentName;
  question: string;
  when: Alternative[][];
  unless: Alternative[];
  /** Every token the intent accounts for: triggers, words, aspects and the domain words. */
  vocabulary: ReadonlySet<string>;
  /** The same without the domain words: what the intent's own vocabulary says. */
  own: ReadonlySet<string>;
  aspects: { name: string; alternatives: Alternative[] }[];
}

export type IntentBook = Record<IntentName, CompiledIntent>;

/** The raw words of the spec, for the typo corrector's vocabulary. */
export function specWords(data: IntentsData): string[] {
  const all = [...data.domain];
  for (const spec of Object.values(data.intents)) {
    all.push(spec.question, ...spec.when.flat(), ...spec.unless, ...spec.words, ...Object.values(spec.aspects ?? {}).flat());
  }
  return all.map((a) => a.replace(/!/g, '').replace(/@\w+/g, ''));
}

export function compileIntents(data: IntentsData, normaliser: Normaliser): IntentBook {
  const compile = (alt: string): Alternative => {
    const words = alt.split(' ');
    // `@year`, `@agreement`…: slot markers, kept as they are (the analyser adds them to a question's tokens).
    const fold = (ws: string[]) => [...normaliser.fold(ws.filter((w) => !w.startsWith('@')).flatMap((w) => basicTokens(w))), ...ws.filter((w) => w.startsWith('@'))];
    return { need: fold(words.filter((w) => !w.startsWith('!'))), not: fold(words.filter((w) => w.startsWith('!')).map((w) => w.slice(1))) };
  };
  const domain = data.domain.map(compile).flatMap((a) => a.need);
  const book = {} as IntentBook;
  for (const [name, spec] of Object.entries(data.intents) as [IntentName, IntentsData['intents'][IntentName]][]) {
    const when = spec.when.map((g) => g.map(compile));
    const aspects = Object.entries(spec.aspects ?? {}).map(([aspect, alts]) => ({ name: aspect, alternatives: alts.map(compile) }));
    const own = new Set<string>(
      [...when.flat().flatMap((a) => a.need), ...spec.words.map(compile).flatMap((a) => a.need), ...aspects.flatMap((a) => a.alternatives.flatMap((x) => x.need))].filter(
        (t) => !t.startsWith('@'),
      ),
    );
    const vocabulary = new Set<string>([...domain, ...own]);
    book[name] = { name, question: spec.question, when, unless: spec.unless.map(compile), vocabulary, own, aspects };
  }
  return book;
}

function holds(tokens: ReadonlySet<string>, alt: Alternative): boolean {
  return alt.need.every((t) => tokens.has(t)) && !alt.not.some((t) => tokens.has(t));
}

/** Every `when` group has an alternative present, and no `unless` alternative is. */
export function triggered(intent: CompiledIntent, tokens: ReadonlySet<string>): boolean {
  return intent.when.every((group) => group.some((alt) => holds(tokens, alt))) && !intent.unless.some((alt) => holds(tokens, alt));
}

/** The aspects asked about, in the spec's order. */
export function aspectsAsked(intent: CompiledIntent, tokens: ReadonlySet<string>): string[] {
  return intent.aspects.filter((a) => a.alternatives.some((alt) => holds(tokens, alt))).map((a) => a.name);
}

/** Whether any one of the alternatives (written like the spec's: "how much", "last !year") holds. */
export function mentions(intent: CompiledIntent, tokens: ReadonlySet<string>, group: 'when' | 'unless'): boolean {
  return (group === 'when' ? intent.when.flat() : intent.unless).some((alt) => holds(tokens, alt));
}
