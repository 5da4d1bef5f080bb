/**
 * Whether a reply gives the kind of answer a question asks for: "how many X" wants a count of X,
 * "how much" an amount, "how long" a span. A route that matches the question's words but has no such figure answers
 * another question ("how many lawmakers voted for the 11th SMA?" is not answered by the date it
 * was ratified), so the router treats an unanswered "how many" or "how much" as salient. Only
 * `howmany` asks for a count of something named; "how much" may be money, time or size.
 */
import { basicTokens, YEAR_TOKEN, type Normaliser } from './normalise.js';
import type { Question } from './understand/analyse.js';

/** The canonical tokens (lexicon.yaml) that ask for a count and for an amount. */
const COUNT = 'howmany';
const AMOUNT = 'howmuch';
/** "How long", 며칠: a span, which a reply states with a number ("five years", "March 7–9"). */
const SPAN = 'howlong';
/** A person's age or birth ("how old", 나이): answered only by a text that gives one. */
const AGE = 'age';
/**
 * "Which official explained it?", "설명한 정부 인사 누구": answered only by a text that names a
 * person. A bare "who" may ask for a party ("who pays for THAAD?" is answered by "the US").
 */
const WHO = 'who';
const WHICH = 'which';
const PERSON_NOUNS = new Set(['official', 'negotiator', '사람', '인물', 'person', 'peopl']);
/** "Lee Tae-woo's successor", "드하트 후임": answered only by a text that names someone else than the person asked about. */
const SUCCESSOR = 'replace';
/** How many words may stand between a count and what it counts ("28,500 US troops"). */
const COUNT_REACH = 4;
/** A number, bare or with the Korean counter of what it counts ("139명", "5배", "6개"). */
const NUMBER = /^\d[\d.]*(명|표|배|개|번|회|차례|곳|군데|건|석)?$/u;
/** The question's words after "how many" that may name what a reply counts. */
const COUNTED_WORDS = 3;
/**
 * The question's answer-kind tokens (`howmany`, `howmuch`, `age`, `who`, `replace`) that a route leaves unanswered: not
 * among the words it accounts for (a fact asked "how many…" in its phrasings, the rounds table),
 * and its text states no count of what is counted (no money, share or multiple, for "how much"; no
 * figure at all, for "how long"; no name of `people`, the words of the record's people's names, for "who").
 */
export function unansweredKinds(q: Question, text: string, normaliser: Normaliser, explains: (w: string) => boolean, people: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  // `who` is a stop word, so it is looked for among all the tokens; a question that names the person asks something else of them.
  const named = q.content.filter((w) => people.has(w));
  // "Who…", or "which" of people ("which officials explained it?").
  const asksPerson = (q.tokens.includes(WHO) || q.tokens.includes(WHICH)) && q.content.some((w) => PERSON_NOUNS.has(w));
  if (asksPerson && !explains(WHO) && !named.length && !tokensOf(text, normaliser).some((t) => people.has(t))) out.push(WHO);
  if (named.length && q.content.includes(SUCCESSOR) && !tokensOf(text, normaliser).some((t) => people.has(t) && !named.includes(t))) out.push(SUCCESSOR);
  const i = q.content.indexOf(COUNT);
  // What is counted, and the words that say what it did ("how many lawmakers voted": "139 votes").
  const counted = q.language === 'en' ? q.content.slice(i + 1, i + 1 + COUNTED_WORDS) : undefined;
  if (i >= 0 && !explains(COUNT) && !countsIn(text, counted, normaliser)) out.push(COUNT);
  if (q.content.includes(AMOUNT) && !explains(AMOUNT) && !amountIn(text, normaliser)) out.push(AMOUNT);
  if (q.content.includes(SPAN) && !explains(SPAN) && !countsIn(text, undefined, normaliser)) out.push(SPAN);
  if (q.content.includes(AGE) && !explains(AGE) && !tokensOf(text, normaliser).includes(AGE)) out.push(AGE);
  return out;
}

/** Whether the text states a number other than a year (followed within a few words by one of `nouns`, when given). */
function countsIn(text: string, nouns: string[] | undefined, normaliser: Normaliser): boolean {
  const tokens = tokensOf(text, normaliser);
  return tokens.some((t, k) => NUMBER.test(t) && !YEAR_TOKEN.test(t) && (!nouns?.length || tokens.slice(k + 1, k + 1 + COUNT_REACH).some((w) => nouns.includes(w))));
}

/**
 * Whether the text states an amount: money, a share or a multiple ("1조 5,192억 원", "$850 million",
 * "8.3%", "1.5배"). A count of people or times ("4,500 workers", "4천여 명") does not say how much
 * their pay was.
 */
function amountIn(text: string, normaliser: Normaliser): boolean {
  const tokens = tokensOf(text, normaliser);
  return tokens.some((t, k) => !YEAR_TOKEN.test(t) && (AMOUNT_WITH_UNIT.test(t) || (/^\d[\d.]*$/.test(t) && tokens.slice(k + 1, k + 3).some((w) => AMOUNT_UNITS.has(w)))));
}

/** What an amount is counted in, as answer texts fold them: currencies, magnitudes, percent. */
const AMOUNT_UNITS = new Set(['won', 'dollar', 'trillion', 'billion', 'million', 'percent', '원', '달러', '불', '억', '조']);
/** A Korean amount written as one word with its unit ("5192억", "1조", "330억", "1.5배"). */
const AMOUNT_WITH_UNIT = /^\d[\d.]*(조|억|만|천|원|달러|불|배)$/u;

/** Answer texts' tokens, per normaliser: the same facts' answers are checked question after question. */
const folded = new WeakMap<Normaliser, Map<string, string[]>>();
const MAX_FOLDED = 20_000;

function tokensOf(text: string, normaliser: Normaliser): string[] {
  let cache = folded.get(normaliser);
  if (!cache) folded.set(normaliser, (cache = new Map()));
  let tokens = cache.get(text);
  if (!tokens) {
    // "$850 million" counts dollars: the sign is the word.
    tokens = normaliser.fold(basicTokens(text.replace(/\$\s?(\d[\d,.]*)/g, '$1 dollars ').replace(/(\d)\s?%/g, '$1 percent ')));
    if (cache.size >= MAX_FOLDED) cache.clear();
    cache.set(text, tokens);
  }
  return tokens;
}
