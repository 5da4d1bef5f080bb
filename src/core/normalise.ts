/**
 * Turns free text into comparable tokens: Unicode NFKC, case, punctuation, contractions,
 * number words, typo correction against the knowledge vocabulary, curated synonyms
 * (knowledge/lexicon.yaml) and a light suffix stemmer. The same pipeline runs over the
 * knowledge at load time and over each question, so both sides meet in the same words.
 */
import type { Lexicon } from '../knowledge/schema.js';
import { stemmer as porter } from 'stemmer';
import { loadIrregularBases } from './irregularVerbs.js';
import { closestWord, isEnglishWord } from './spelling.js';
import { hasHangul, KoreanWords, type LearnedKorean, rewriteKorean } from './understand/korean.js';
import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };

const ISO = stopwordsIso as Record<string, string[] | undefined>;
// Words only: the lists also hold digits and punctuation, which carry meaning here ("round 8").
const GENERIC_STOPWORDS: ReadonlySet<string> = new Set([...(ISO.en ?? []), ...(ISO.ko ?? [])].filter((w) => /^[\p{L}']+$/u.test(w)));

/**
 * A word that carries no subject when the record does not use it: a general English stop word
 * (stopwords-iso) or a manner adverb. Words the record uses keep their meaning ("next", "first").
 */
function isFiller(word: string): boolean {
  return GENERIC_STOPWORDS.has(word) || (word.length >= 6 && word.endsWith('ly'));
}

export interface Query {
  raw: string;
  /** Lower-cased, punctuation-free text after typo correction (for phrase patterns). */
  text: string;
  /** Canonical stemmed tokens, stop words included, in order. */
  tokens: string[];
  /** `tokens` without stop words: what carries meaning. */
  content: string[];
  /** Content words seen nowhere in the knowledge (after typo correction). */
  unknown: string[];
  /** Words naming subjects outside the record (other countries, other treaties). */
  offTopic: string[];
  /** Four-digit years mentioned. */
  years: number[];
}

const MAGNITUDE_WORDS: Record<string, string> = { bn: 'billion', b: 'billion', tn: 'trillion', mn: 'million', m: 'million' };
/** The magnitude words a figure may carry, as the record writes them ("1.5 trillion"). */
export const MAGNITUDES: ReadonlySet<string> = new Set(Object.values(MAGNITUDE_WORDS));

const ORDINAL_WORDS: Record<string, string> = {
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
  eleventh: '11th',
  twelfth: '12th',
  thirteenth: '13th',
};
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
};

/**
 * Plain ASCII text: no digits, apostrophes, backticks, chat markup or Unicode. None of the rewrites
 * of basicTokens apply to it, so its tokens are its lower-cased letter runs. Most of the record's
 * texts are plain; tokenising them without the chain of replacements is what keeps a big record's
 * build fast.
 */
const PLAIN = /^[^\d'`<@\u0080-\uffff]*$/;
/** "u.s." is rewritten to "us" (see basicTokens): text holding it is not plain. */
const US_DOTTED = /\bu\./i;

/** Text that is ASCII throughout (so it holds no Hangul). */
const ASCII_ONLY = /^\p{ASCII}*$/u;

/**
 * Both lists as one map: a plain object would also answer for "constructor" (a function, from
 * Object.prototype), which once made that word vanish from a question.
 */
const NUMBER_FOLDS = new Map([...Object.entries(ORDINAL_WORDS), ...Object.entries(NUMBER_WORDS)]);

/** "second" → "2nd", "ten" → "10": the number a word names, else the word. */
function numberWord(w: string): string {
  return NUMBER_FOLDS.get(w) ?? w;
}

/** Case, NFKC, apostrophes and punctuation: the part of normalising that needs no knowledge. */
export function basicTokens(input: string): string[] {
  if (PLAIN.test(input) && !US_DOTTED.test(input)) return input.toLowerCase().match(/[a-z]+/g) ?? [];
  // Unicode normalisation is needed only beyond ASCII (most English text skips it).
  const ascii = ASCII_ONLY.test(input);
  const unicode = (t: string) =>
    ascii
      ? t
      : t
          .replace(/[\u2018\u2019\u02bc`´]/g, "'")
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          // Accents are gone; Hangul, decomposed into jamo by NFD, is put back together as syllables.
          .normalize('NFC');
  const text = unicode(
    (ascii ? input : input.normalize('NFKC'))
      // Chat markup is not part of the question: <@U123>, <#C1|general>, <!channel>, @everyone, @here.
      .replace(/<[@#!][^>]*>/g, ' ')
      .replace(/@(everyone|here|channel)\b/gi, ' ')
      .toLowerCase(),
  )
    .replace(/`/g, "'")
    .replace(/\b(\w+)'s\b/g, (_, w: string) => (['what', 'who', 'when', 'where', 'how', 'it', 'that', 'there', 'here'].includes(w) ? `${w} is` : w))
    .replace(/n't\b/g, ' not')
    .replace(/'re\b/g, ' are')
    .replace(/'ll\b/g, ' will')
    .replace(/'ve\b/g, ' have')
    .replace(/'d\b/g, ' would')
    .replace(/'m\b/g, ' am')
    // "$33bn", "1.5tn", "500m": the magnitude as the word the record writes.
    .replace(/(\d)\s?(bn|tn|mn|[bm])\b/g, (_, d: string, m: string) => `${d} ${MAGNITUDE_WORDS[m]}`)
    // "u.s." and "u.s" become "us" before punctuation is dropped, so the country survives.
    .replace(/\bu\.\s?s\.?(?=\s|$|[^\p{L}])/gu, 'us ')
    .replace(/(\d),(\d{3})/g, '$1$2')
    // "2o19": a year typed with the letter o.
    .replace(/\b[12][0-9o]{3}\b/g, (y) => (/\d{2}/.test(y) ? y.replace(/o/g, '0') : y))
    .replace(/(\d)\.(\d)/g, '$1dot$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\d)dot(\d)/g, '$1.$2')
    .trim();
  return text ? text.split(/\s+/) : [];
}

/** Slot placeholders ("#date") start with this; basicTokens never produces it, stemming leaves it. */
export const SLOT_MARK = '#';
/** The token a date phrase becomes: one unit of meaning, whatever its words. */
export const DATE_TOKEN = `${SLOT_MARK}date`;
/** A year as a token ("2019"): a slot the analyser reads, and a word a route must account for. */
export const YEAR_TOKEN = /^(19|20)\d\d$/;
/** An agreement's or a round's number as a token ("11th", from "11th", "eleventh" or "11차"). */
export const ORDINAL_TOKEN = /^\d{1,2}(st|nd|rd|th)$/;
/** What the analyser writes in place of a date phrase before tokenising (it becomes DATE_TOKEN). */
export const DATE_WORD = 'qqslotdateqq';

/** Porter stems, so "negotiating", "negotiator" and "negotiations" meet; numbers stay as they are. */
const stems = new Map<string, string>();

/**
 * An irregular verb form's base ("sent" → "send", "wrote" → "write", "began" → "begin"), which the
 * suffix stemmer cannot reach; any other word as it is.
 */
let irregularBases: ReadonlyMap<string, string> | undefined;
function irregularBase(word: string): string {
  irregularBases ??= loadIrregularBases();
  return irregularBases.get(word) ?? word;
}

export function stem(word: string): string {
  if (/\d/.test(word) || word.startsWith(SLOT_MARK)) return word;
  let s = stems.get(word);
  if (s === undefined) {
    // Short words stay as they are ("us", "won"), unless they are a longer verb's form ("led", "met").
    const base = irregularBase(word);
    s = word.length <= 3 && base.length <= 3 ? word : porter(base);
    // Bounded: questions are unbounded input.
    if (stems.size > 50000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

/** What the index reads of a record text (contentOf, firstToken), once per text and load. */
interface KnowledgeText {
  /** The first canonical token, stop words included. */
  first: string;
  /** The content tokens; a Korean text's once asked for (they need the record's Korean words). */
  content?: string[];
  /** A Korean text's basic tokens, kept until its content is made from them. */
  basic?: string[];
}

/**
 * What a normaliser learned from a record (`Normaliser.learned`): the Korean dictionary, the
 * vocabulary in its order and its stems, each record text's first and content tokens (a Korean
 * text whose content was not yet asked for: its basic tokens, marked 'basic'), and the words folded.
 */
export interface LearnedWords {
  korean: LearnedKorean;
  vocabulary: string[];
  knownStems: string[];
  texts: ([text: string, first: string, content: string[]] | [text: string, first: string, basic: string[], kind: 'basic'])[];
  folds: [word: string, folded: string][];
}

/** Synonym phrases word by word: a node is a phrase's end when it has a canonical token. */
type PhraseTrie = Map<string, { canonical?: string; next: PhraseTrie }>;

function addPhrase(trie: PhraseTrie, words: string[], canonical: string): void {
  let level = trie;
  words.forEach((w, i) => {
    let node = level.get(w);
    if (!node) level.set(w, (node = { next: new Map() }));
    // A variant listed again under another concept takes it over, as in the phrase map.
    if (i === words.length - 1) node.canonical = canonical;
    level = node.next;
  });
}

export class Normaliser {
  private readonly phrases = new Map<string, string>();
  /** The same phrases word by word, so a fold finds the longest one at each word in one walk. */
  private readonly phraseTrie: PhraseTrie = new Map();
  /** What a word outside every phrase folds to (itself if a stop word, else its stem), per word. */
  private readonly wordFolds = new Map<string, string>();
  private readonly stopwords: Set<string>;
  private readonly offTopic = new Map<string, string>();
  private readonly offTopicMax: number;
  private vocabulary = new Set<string>();
  /** The vocabulary by first letter: a typo is compared only with words that start alike. */
  private byInitial = new Map<string, string[]>();
  private knownStems = new Set<string>();
  private readonly corrections = new Map<string, string>();
  /**
   * Tokens the facts and intents match on: a general stop word among them keeps its meaning, the
   * others are filler. Unset (a normaliser without an index), no word is filler.
   */
  private meaningful: ReadonlySet<string> | undefined;

  /** The record's Korean words, for cutting endings and splitting unspaced text. */
  readonly korean: KoreanWords;
  private readonly timeWords: Record<string, string>;

  constructor(lexicon: Lexicon) {
    this.korean = new KoreanWords(lexicon.koreanEndings, lexicon.koreanPredicateEndings);
    this.timeWords = lexicon.timeWords;
    for (const [canonical, variants] of Object.entries(lexicon.synonyms)) {
      for (const v of [canonical, ...variants]) {
        const key = basicTokens(v).join(' ');
        if (!key) continue;
        this.phrases.set(key, canonical);
        addPhrase(this.phraseTrie, key.split(' '), canonical);
      }
    }
    this.stopwords = new Set(lexicon.stopwords.flatMap((w) => basicTokens(w)));
    let offMax = 1;
    for (const term of lexicon.offTopic) {
      const key = basicTokens(term).join(' ');
      this.offTopic.set(key, term);
      offMax = Math.max(offMax, key.split(' ').length);
    }
    this.offTopicMax = offMax;
  }

  /**
   * The record's texts as the index reads them. learnVocabulary tokenises each text once and fills
   * this; a text's basic tokens are not kept (a Korean one's until its content is made): at 10,000
   * facts they were 95,000 arrays for the garbage collector to copy, and much of the build's time.
   */
  private readonly knowledgeTexts = new Map<string, KnowledgeText>();

  /** A record text's basic tokens, its Korean ordinals, dates and time words rewritten first. */
  private basicOf(text: string): { basic: string[]; hangul: boolean } {
    // ASCII text holds no Korean to rewrite or split: one test per text spares one per word.
    if (ASCII_ONLY.test(text)) return { basic: basicTokens(text), hangul: false };
    const basic = basicTokens(this.rewrite(text));
    return { basic, hangul: basic.some(hasHangul) };
  }

  /** `tokens` when the caller has them already (learnVocabulary); tokenised here only on a miss. */
  private knowledgeText(text: string, tokens?: { basic: string[]; hangul: boolean }): KnowledgeText {
    let t = this.knowledgeTexts.get(text);
    if (!t) {
      const { basic, hangul } = tokens ?? this.basicOf(text);
      const first = basic[0] ? this.foldOne(basic[0]) : '';
      // Only Korean words need the Korean dictionary: the content of any other text is known now.
      t = hangul ? { first, basic } : { first, content: this.folded(basic, true) };
      this.knowledgeTexts.set(text, t);
    }
    return t;
  }

  /** The first canonical token of a record text, stop words included ("why", "how"…). */
  firstToken(text: string): string {
    return this.knowledgeText(text).first;
  }

  /**
   * The words the knowledge uses, for typo correction and for telling known words from unknown
   * ones. Called once per knowledge load. `texts` are what questions are matched on (questions,
   * phrasings, keywords, names); `prose` are the record's answers and table texts, whose words
   * count as known too, split more cheaply (curated prose has no chat markup or typed
   * contractions to undo).
   */
  learnVocabulary(texts: Iterable<string>, prose: Iterable<string> = []): void {
    const words = new Set<string>([...this.stopwords, ...Object.keys(ORDINAL_WORDS), ...Object.keys(NUMBER_WORDS)]);
    for (const key of this.phrases.keys()) for (const w of key.split(' ')) words.add(w);
    // A Korean word is known with the record's words it splits into (endings cut).
    const addKorean = (w: string) => {
      if (!hasHangul(w)) words.add(w);
      else for (const part of [w, ...this.korean.split(w)]) words.add(part);
    };
    for (const t of texts) {
      const tokens = this.basicOf(t);
      if (tokens.hangul) tokens.basic.forEach(addKorean);
      else for (const w of tokens.basic) words.add(w);
      this.knowledgeText(t, tokens);
    }
    for (const t of prose) {
      // ASCII is its own NFC, and its letters and digits are [a-z0-9] once lower-cased.
      const ascii = ASCII_ONLY.test(t);
      const text = ascii ? t.toLowerCase() : t.toLowerCase().normalize('NFC');
      const hangul = !ascii && hasHangul(text);
      for (const w of text.split(ascii ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u)) {
        if (!w) continue;
        if (hangul) addKorean(w);
        else words.add(w);
      }
    }
    this.setVocabulary(words, new Set([...words].map((w) => this.foldOne(w))));
  }

  /** The vocabulary's order is kept: typo correction breaks ties towards the word learned first. */
  private setVocabulary(words: Set<string>, knownStems: Set<string>): void {
    this.vocabulary = words;
    this.byInitial = new Map();
    for (const w of words) {
      const list = this.byInitial.get(w[0]!) ?? [];
      list.push(w);
      this.byInitial.set(w[0]!, list);
    }
    this.knownStems = knownStems;
    this.corrections.clear();
  }

  /**
   * What learning the record left in this normaliser, and the record texts and words it has
   * tokenised and folded since: taken right after a build, it lets a later build of the same
   * record (and the same code) skip the learning and most of the tokenising (see cli/indexCache.ts).
   */
  learned(): LearnedWords {
    return {
      korean: this.korean.learned(),
      vocabulary: [...this.vocabulary],
      knownStems: [...this.knownStems],
      texts: [...this.knowledgeTexts].map(([text, t]) => (t.content ? [text, t.first, t.content] : [text, t.first, t.basic!, 'basic'])),
      folds: [...this.wordFolds],
    };
  }

  /** In place of `korean.learn` and `learnVocabulary`: what `learned()` gave for the same record and code. */
  restoreLearned(learned: LearnedWords): void {
    this.korean.restore(learned.korean);
    this.setVocabulary(new Set(learned.vocabulary), new Set(learned.knownStems));
    this.knowledgeTexts.clear();
    for (const [text, first, tokens, basic] of learned.texts) this.knowledgeTexts.set(text, basic ? { first, basic: tokens } : { first, content: tokens });
    for (const [word, folded] of learned.folds) this.wordFolds.set(word, folded);
  }

  /** Whether a canonical token is a word the record uses anywhere (its texts, names, lexicon). */
  knows(token: string): boolean {
    return this.knownStems.has(token);
  }

  /** Called once the index is built, with every token a fact or an intent matches on. */
  setMeaningful(tokens: ReadonlySet<string>): void {
    this.meaningful = tokens;
  }

  query(raw: string): Query {
    return this.fromBasic(raw, this.corrected(raw));
  }

  /** Korean ordinals, dates and time words in the forms the language-neutral steps read. */
  rewrite(text: string): string {
    return rewriteKorean(text, this.timeWords);
  }

  /**
   * The question's basic tokens with typos corrected: a Latin word one for one, a Korean word
   * into the record's words it stands for (endings cut, unspaced text split).
   */
  corrected(raw: string): string[] {
    return basicTokens(raw).flatMap((w) => (w === DATE_WORD ? [DATE_TOKEN] : hasHangul(w) ? this.korean.split(w) : this.correctLatin(w)));
  }

  private correctLatin(w: string): string[] {
    const fixed = this.correct(w);
    if (fixed !== w || this.vocabulary.has(w) || isEnglishWord(w) || /\d/.test(w)) return [fixed];
    return this.korean.fromQwerty(w) ?? [w];
  }

  /** A Query from already corrected basic tokens (the analyser replaces date phrases first). */
  fromBasic(raw: string, basic: string[], years: number[] = []): Query {
    const text = basic.join(' ');
    const tokens = this.fold(basic);
    // Single letters ("r u", a stray "s") carry no meaning; digits do. Nor do filler words the
    // record never uses: general stop words ("went", "around") and manner adverbs ("formally").
    const meaningful = this.meaningful;
    // Number words ("fifth", "two") are slots, never filler, whether or not a fact uses them.
    // A Korean verb form the record does not use ("나오면서", "맡았잖아") qualifies the question the same way.
    const predicate = (w: string, i: number) => this.korean.isPredicate(w, basic[i + 1]);
    const filler = new Set(
      meaningful ? basic.filter((w, i) => (isFiller(w) || predicate(w, i)) && !this.fold([w]).some((t) => meaningful.has(t) || /\d/.test(t))).flatMap((w) => this.fold([w])) : [],
    );
    const content = tokens.filter((t) => !this.stopwords.has(t) && (t.length > 1 || /\d/.test(t)) && !filler.has(t));
    const found = [...text.matchAll(/\b(19[5-9]\d|20\d\d|2100)\b/g)].map((m) => Number(m[1]));
    return {
      raw,
      text,
      tokens,
      content,
      unknown: content.filter((t) => !/^\d/.test(t) && !t.startsWith(SLOT_MARK) && !this.knownStems.has(t)),
      offTopic: this.findOffTopic(basic),
      years: [...new Set([...years, ...found])],
    };
  }

  /** Number words, synonym phrases (longest first) and stems, over already-basic tokens. */
  fold(basic: readonly string[]): string[] {
    return this.folded(basic, false);
  }

  /** fold, leaving out the stop words when `content` (one pass, no second array). */
  private folded(basic: readonly string[], content: boolean): string[] {
    const out: string[] = [];
    for (let i = 0; i < basic.length; ) {
      // The longest phrase starting at word i: walk the trie as far as the words follow it.
      let canonical: string | undefined;
      let length = 0;
      let node = this.phraseTrie.get(numberWord(basic[i]!));
      for (let j = i; node; node = ++j < basic.length ? node.next.get(numberWord(basic[j]!)) : undefined) {
        if (node.canonical) [canonical, length] = [node.canonical, j - i + 1];
      }
      const token = canonical ?? this.foldWord(numberWord(basic[i]!));
      i += canonical ? length : 1;
      if (!content || !this.stopwords.has(token)) out.push(token);
    }
    return out;
  }

  /** fold([word])[0]: one word, which may be a one-word synonym. */
  private foldOne(word: string): string {
    const w = numberWord(word);
    return this.phraseTrie.get(w)?.canonical || this.foldWord(w);
  }

  private foldWord(w: string): string {
    let folded = this.wordFolds.get(w);
    if (folded === undefined) {
      folded = this.stopwords.has(w) ? w : stem(w);
      // Bounded: questions are unbounded input.
      if (this.wordFolds.size > 50000) this.wordFolds.clear();
      this.wordFolds.set(w, folded);
    }
    return folded;
  }

  /**
   * Which of `wanted` (canonical words, such as the publishers) a record text names. Curated prose
   * needs no typo correction or Korean splitting, so this is cheaper than `contentOf`.
   */
  namedIn(text: string, wanted: ReadonlySet<string>): string[] {
    return this.fold(basicTokens(text)).filter((t) => wanted.has(t));
  }

  /**
   * Content tokens of a knowledge text (question, phrasing, keyword), for the index: computed once
   * per text and load, so indexes sharing a text share its tokens (callers must not change them).
   */
  contentOf(text: string): string[] {
    const t = this.knowledgeText(text);
    if (!t.content) {
      const words = t.basic!.flatMap((w) => (hasHangul(w) ? this.korean.split(w) : [w]));
      t.content = this.folded(words, true);
      t.basic = undefined;
    }
    return t.content;
  }

  private correct(word: string): string {
    // A real English word is never "corrected" into a record word it resembles ("rule" is not "role").
    if (this.vocabulary.has(word) || word.length < 4 || /\d/.test(word) || isEnglishWord(word)) return word;
    let fixed = this.corrections.get(word);
    if (fixed === undefined) {
      fixed = closestWord(word, this.byInitial.get(word[0]!) ?? [], this.stopwords) ?? word;
      // Bounded: questions are unbounded input, the cache must not be.
      if (this.corrections.size > 5000) this.corrections.clear();
      this.corrections.set(word, fixed);
    }
    return fixed;
  }

  private findOffTopic(words: string[]): string[] {
    const found: string[] = [];
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(this.offTopicMax, words.length - i); n >= 1; n--) {
        const term = this.offTopic.get(words.slice(i, i + n).join(' '));
        if (term) found.push(term);
      }
    }
    return found;
  }
}
