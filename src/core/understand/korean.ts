/**
 * The Korean side of the analyser: it turns Korean words into the record's words so that the
 * lexicon folds them into the same concepts as English ("분담금은" → 분담금 → contribution).
 *
 * - Ordinals, years and dates are rewritten to the forms the language-neutral steps read
 *   ("제12차" → "12th sma", "1차 회의" → "1th round", "2024년 11월 4일" → "November 4 2024",
 *   "지난주" → "last week" from the lexicon's timeWords).
 * - Particles and endings are cut from a closed list (lexicon koreanEndings), only when what
 *   remains is a word the record knows, so "회의" and "합의" survive whole.
 * - Text typed without spaces ("주한미군몇명임") is split by a dictionary word-break over the
 *   record's Korean words; a typo is matched on jamo (es-hangul's disassemble); Korean typed on an
 *   English keyboard is converted only when the result is known vocabulary.
 * No morphological analyser or model: nothing can be downloaded at run time.
 */
import { convertQwertyToHangul, disassemble } from 'es-hangul';
import { osaDistance } from '../spelling.js';

const HANGUL = /\p{Script=Hangul}/u;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Native and Sino-Korean ordinal words: "첫 번째", "열두 번째", "세 번째". */
const NATIVE_NUMBERS: Record<string, number> = {
  첫: 1,
  한: 1,
  두: 2,
  세: 3,
  네: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
  열한: 11,
  열두: 12,
  열세: 13,
};
/** Korean parts of a year, as the English phrases yearParts.ts reads ("2019년 상반기" → "first half of 2019"). */
const YEAR_PARTS: Record<string, string> = {
  상반기: 'first half of',
  하반기: 'second half of',
  초: 'early',
  초반: 'early',
  연초: 'early',
  중반: 'mid',
  말: 'late',
  후반: 'late',
  연말: 'late',
  봄: 'spring',
  여름: 'summer',
  가을: 'autumn',
  겨울: 'winter',
};
const PART = String.raw`(상반기|하반기|초반|연초|초|중반|후반|연말|말|봄|여름|가을|겨울|[1-4]\s*분기)`;
/** What may follow a part of a year: a particle or "around" (말께, 초쯤, 여름에), not another word ("말했다"). */
const PART_END = String.raw`(?=$|[^\p{Script=Hangul}]|에|께|까지|부터|쯤|경|의|엔|무렵|이후|이전)`;
const partText = (part: string) => (/분기/.test(part) ? `Q${part.replace(/\D/g, '')}` : YEAR_PARTS[part]!);
/** Words after "N차" that make it a round number rather than an agreement number. */
const ROUND_AFTER = /^\s*(회의|협의|라운드|회차|회담|협상\s*회의)/;

export function hasHangul(text: string): boolean {
  return HANGUL.test(text);
}

/**
 * Korean ordinals, years, dates and time words rewritten to the forms the date parser and the
 * number slots read. Text without Hangul is returned as it is.
 */
/** A lexicon's time words, longest first, sorted once per lexicon (every Korean text is rewritten). */
const sortedTimeWords = new WeakMap<Record<string, string>, [string, string][]>();
function longestFirst(timeWords: Record<string, string>): [string, string][] {
  let sorted = sortedTimeWords.get(timeWords);
  if (!sorted) sortedTimeWords.set(timeWords, (sorted = Object.entries(timeWords).sort((a, b) => b[0].length - a[0].length)));
  return sorted;
}

export function rewriteKorean(text: string, timeWords: Record<string, string>): string {
  if (!hasHangul(text)) return text;
  // Amounts first: once "2025년" is rewritten, "2025 만료" would read as an amount.
  let t = koreanAmounts(text.normalize('NFC'));
  // Longest first, so "지난 주" wins over a shorter word inside it.
  for (const [ko, en] of longestFirst(timeWords)) t = t.split(ko).join(` ${en} `);
  t = t
    // Parts of a year: "2019년 상반기", "2018년 말", "올해 초" (올해 is "this year" by now), "올 여름", "지난 겨울".
    .replace(new RegExp(String.raw`(\d{4})\s*년(?:도)?\s*${PART}${PART_END}`, 'gu'), (_, y: string, part: string) => ` ${partText(part)} ${y} `)
    .replace(new RegExp(String.raw`(this year|last year|next year)\s*${PART}${PART_END}`, 'gu'), (_, rel: string, part: string) => ` ${partText(part)} ${rel} `)
    .replace(new RegExp(String.raw`(?<!\p{Script=Hangul})올\s*${PART}${PART_END}`, 'gu'), (_, part: string) => ` ${partText(part)} this year `)
    .replace(new RegExp(String.raw`(?<!\p{Script=Hangul})(연초|연말)${PART_END}`, 'gu'), (_, part: string) => ` ${partText(part)} this year `)
    .replace(
      new RegExp(String.raw`(지난|이번|다음)\s*(봄|여름|가을|겨울)${PART_END}`, 'gu'),
      (_, which: string, season: string) => ` ${{ 지난: 'last', 이번: 'this', 다음: 'next' }[which]} ${YEAR_PARTS[season]} `,
    )
    .replace(/(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/g, (_, y, m, d) => ` ${MONTHS[Number(m) - 1] ?? ''} ${Number(d)} ${y} `)
    .replace(/(\d{4})\s*년\s*(\d{1,2})\s*월/g, (_, y, m) => ` ${MONTHS[Number(m) - 1] ?? ''} ${y} `)
    .replace(/(\d{4})\s*[~∼-]\s*(\d{4})\s*년/g, ' $1 $2 ')
    .replace(/(\d{4})\s*년(도)?/g, ' $1 ')
    // "어디서 해?", "언제 해": 해 alone is the verb 하다; it is a year only after a word that picks one ("그 해", "몇 해", "첫 해").
    // ("처음 낸 해": after a modifier, 해 is the year it qualifies.)
    .replace(/(\S*)(\s+)해(?![\p{Script=Hangul}])/gu, (m: string, before: string, space: string) => (YEAR_PICKERS.has(before) || isModifier(before) ? m : `${before}${space}`))
    // "어떻게 되고 있어": 있다 after -고 is the progressive's auxiliary ("어떻게 돼"), grammar rather than "there is".
    .replace(/(?<!\p{Script=Hangul})되고\s+있(?:어요|어|나요|나|니|음|는지|습니까|다)?(?![\p{Script=Hangul}])/gu, '돼')
    // "몇 차까지 있어": up to which number is how many there are.
    .replace(/몇\s*차(?=\s*까지)/g, '몇 번')
    // "열두 번째", "세 번째 회의": ordinal words before 번째.
    .replace(/(첫|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열한|열두|열세|열)\s*번째/g, (_, w: string) => ` ${NATIVE_NUMBERS[w]}th `)
    .replace(/(\d{1,2})\s*번째/g, ' $1th ')
    // "첫 방위비분담특별협정", "첫 SMA": the first agreement, as "첫 번째" says it.
    .replace(/(?<!\p{Script=Hangul})첫\s*(?=방위비|분담|특별협정|협정|sma)/giu, ' 1th ')
    // "첫 협상", "첫 정상회담": the first one, as "first" is in English ("첫해", "첫날" are words of their own).
    .replace(/(^|[^\p{Script=Hangul}])첫\s+/gu, '$1 1th ')
    // "5라운드", "3회차": a round by its number.
    .replace(/(\d{1,2})\s*(라운드|회차)/g, ' $1th round ')
    // "제12차 협정", "12차 1차 회의": N차 before a meeting word is a round, otherwise an agreement;
    // "1차관" (the first vice minister) and "3차례" (three times) are words of their own.
    .replace(/제?\s*(\d{1,2})\s*차(?!관|례)(?=(.*))/g, (_, n: string, rest: string) => (ROUND_AFTER.test(rest) ? ` ${n}th round ` : ` ${n}th sma `))
    .replace(/(\d+(?:\.\d+)?)\s*(퍼센트|프로)/g, '$1%')
    // "몇년도야", "몇표", "몇시에": 몇 and its counter as two words, so the lexicon reads the pair
    // ("몇 년도" asks when, "몇 표" how many votes) whatever ending the counter carries.
    .replace(/몇\s*(?=\p{Script=Hangul})/gu, '몇 ')
    // "YTN이", "SMA는": a particle glued to an abbreviation is cut; another Korean word glued to
    // one ("SMA협정") is a word of its own.
    .replace(LATIN_PARTICLE, '$1 ')
    .replace(/(\p{Script=Latin})(?=\p{Script=Hangul})/gu, '$1 ');
  return t;
}

/** Words before 해 that make it a noun, "year": determiners, 몇, native numbers. */
const YEAR_PICKERS = new Set(['그', '이', '저', '첫', '몇', '어느', '같은', '다음', '지난', '매', '한', '두', '세', '네', '다섯', '여러']);

/** A word ending as a modifier does, in -ㄴ or -ㄹ ("낸", "열린", "넘은", "할"): what follows it is a noun. */
function isModifier(word: string): boolean {
  const last = syllable([...word].pop());
  return last !== undefined && (last.final === FINAL.nieun || last.final === FINAL.rieul);
}

/** A particle right after a Latin word (an abbreviation, a name): "YTN이", "SMA는", "USFK가". */
const LATIN_PARTICLE =
  /(\p{Script=Latin})(이|가|은|는|을|를|의|에서|에게|에|와|과|이랑|랑|하고|도|만|으로|로|까지|부터|보다|이야|야|이다|예요|이에요|에요|이라고|라고|이라던데|라던데)(?!\p{Script=Hangul})/gu;

const TERM = String.raw`(\d[\d,]*(?:\.\d+)?)\s*([천백십]?)\s*(조|억|만)`;
/** A Korean amount: terms such as "1조 5,192억", "5천억", "2만 8,500", largest unit first. */
const AMOUNT = new RegExp(String.raw`${TERM}(?:\s*${TERM})*(?:\s*(\d[\d,]*)(?![\d,]*\s*[천백십조억만]))?`, 'g');
const UNIT: Record<string, number> = { 조: 1e12, 억: 1e8, 만: 1e4, 천: 1e3, 백: 1e2, 십: 10 };

/**
 * Korean amounts in the English form the rest of the router reads, so a figure is the same
 * token in both languages: "1조 5,192억 원" → "1.5192 trillion 원", "9,602억" → "960.2 billion",
 * "2만 8,500명" → "28500명". Used on questions and on the answers they are checked against.
 */
export function koreanAmounts(text: string): string {
  if (!/[조억만]/.test(text)) return text;
  return text.replace(AMOUNT, (match: string) => {
    let value = 0;
    let rest = match;
    for (const m of match.matchAll(new RegExp(TERM, 'g'))) {
      value += Number(m[1]!.replace(/,/g, '')) * (m[2] ? UNIT[m[2]]! : 1) * UNIT[m[3]!]!;
      rest = rest.replace(m[0], '');
    }
    const tail = rest.trim();
    if (tail) value += Number(tail.replace(/,/g, ''));
    return ` ${englishAmount(value)} `;
  });
}

function englishAmount(v: number): string {
  const trim = (n: number) => String(Number(n.toPrecision(12)));
  if (v >= 1e12) return `${trim(v / 1e12)} trillion`;
  if (v >= 1e8) return `${trim(v / 1e9)} billion`;
  if (v >= 1e6) return `${trim(v / 1e6)} million`;
  return trim(v);
}

/** What KoreanWords learns from a record: its words, and each word of two or more syllables with its jamo. */
export interface LearnedKorean {
  dictionary: string[];
  jamo: [word: string, jamo: string][];
}

/**
 * A word ending as a predicate does ("정해졌어", "늘어났다", "하나요", "했음"): a final ending,
 * which no noun of the record's kind ends with.
 */
const FINAL_ENDING = /\p{Script=Hangul}(다|어|요|음|임|니|냐|까|지|대|래|죠|네|함|됨|했|됐|졌|였|었|았|나|래요|대요)$/u;
/** The words a question asks with: a word before one of them is a subject, not a modifier ("학력은 어떻게"). */
const INTERROGATIVE = /^(뭐|무엇|무슨|뭔|누구|누가|어떻|어떤|어땠|어때|어디|어느|언제|왜|얼마|몇|며칠)/;
const SYLLABLES = 0xac00;
/** Jamo indexes inside a syllable block (Unicode's Hangul composition). */
const FINAL = { none: 0, nieun: 4, rieul: 8, ss: 20 } as const;
/**
 * A modifier fused into an open stem ("부른", "된", "될", "낸", "쓴", "든"), or "-던", in syllables no
 * Sino-Korean noun ends with; "한", "간", "인" are left out, as 한국, 기간, 한국인 end with them.
 */
const FUSED_MODIFIER = new Set(['른', '된', '될', '낸', '쓴', '든', '킨', '뀐', '긴', '던']);
/** Nouns that only follow a modifier ("넘은 게", "부른 건", "비준할 때"): the record never uses them alone. */
const BOUND_NOUNS = new Set(['것', '건', '게', '거', '걸', '때', '적', '수', '바', '데', '뒤', '후', '전']);
const MODIFIER_ENDINGS = new Set(['은', '는', '을']);
/** ㅡ: an open syllable with it ("르", "드", "쓰") is a native verb stem's, never a Sino-Korean one. */
const MEDIAL_EU = 18;
/** Sino-Korean syllables end open or in ㄱ, ㄴ, ㄹ, ㅁ, ㅂ, ㅇ; native verb stems also in ㄷ, ㅅ, ㅈ, ㅊ, ㅌ, ㅍ, ㅎ, ㅆ and pairs. */
const SINO_FINALS = new Set([0, 1, 4, 8, 16, 17, 21]);
/** Vowels a stem's open syllable fuses 아/어 into before 서 ("가서", "해서", "와서", "돼서", "줘서"). */
const FUSED_A_EO = new Set([0, 1, 4, 6, 9, 10, 11, 14]);

function syllable(ch: string | undefined): { medial: number; final: number } | undefined {
  const code = (ch?.charCodeAt(0) ?? 0) - SYLLABLES;
  if (!ch || code < 0 || code >= 11172) return undefined;
  return { medial: Math.floor((code % 588) / 28), final: code % 28 };
}

export class KoreanWords {
  private readonly dictionary = new Set<string>();
  private readonly endings: string[];
  private readonly predicateEndings: string[];
  private jamo: { word: string; jamo: string; letters: number }[] = [];
  private readonly cache = new Map<string, string[]>();

  /**
   * `endings`: particles and endings cut when what remains is a record word. `predicateEndings`:
   * connective and final verb endings ("-면서", "-다가", "-잖아") that make a word a predicate
   * whatever its stem.
   */
  constructor(endings: string[], predicateEndings: string[] = []) {
    this.endings = [...new Set(endings)].sort((a, b) => b.length - a.length);
    this.predicateEndings = [...new Set(predicateEndings)].sort((a, b) => b.length - a.length);
  }

  /**
   * Whether a word the record does not use is a verb or adjective form ("나오면서", "맡았잖아",
   * "가서", "부름", "처음 부른 금액"), which qualifies the question rather than naming its subject;
   * `next` is the word after it, if any. Nouns stay subjects: a word is taken for a modifier
   * ("붙은", "부른") only before a record word that does not ask ("학력은 어떻게" keeps 학력은).
   */
  isPredicate(word: string, next?: string): boolean {
    if (!HANGUL.test(word)) return false;
    if (FINAL_ENDING.test(word) || this.isVerbForm(word)) return true;
    const s = [...word];
    const last = s[s.length - 1]!;
    // "되고 있어": "-고" before the verb of a progressive.
    if (last === '고' && next !== undefined && /^(있|없|싶)/.test(next)) return true;
    // "왜 그렇게 부름?": a verb made a noun ends a casual question (했음, 함, 됨 are final endings above).
    if (next === undefined) return s.length >= 2 && last === '름';
    // A modifier ("붙은 부대의견", "처음 부른 금액") stands before the noun it qualifies, a record word that does not ask.
    if (!HANGUL.test(next) || !(this.dictionary.has(next) || BOUND_NOUNS.has(next)) || INTERROGATIVE.test(next) || this.isPredicate(next)) return false;
    if (FUSED_MODIFIER.has(last)) return true;
    // "-은/-는/-을" after a stem ending as no Sino-Korean syllable does ("붙은", "있는", "부르는");
    // "독일은 주독미군" is a topic.
    const stem = syllable(s[s.length - 2]);
    return MODIFIER_ENDINGS.has(last) && stem !== undefined && (!SINO_FINALS.has(stem.final) || (stem.final === FINAL.none && stem.medial === MEDIAL_EU));
  }

  /**
   * Learns the record's Korean words: `base` are words as they are (keywords, glossary names, lexicon
   * variants); `texts` are sentences whose words may carry endings (phrasings, answers).
   */
  learn(base: Iterable<string>, texts: Iterable<string>): void {
    for (const b of base) for (const w of words(b)) this.dictionary.add(w);
    for (const t of texts) {
      for (const w of words(t)) {
        const stem = this.strip(w);
        if (stem !== w && [...stem].length >= 2) this.dictionary.add(stem);
        else if (stem === w && [...w].length >= 2) this.dictionary.add(this.dictionary.has(w) ? w : this.withoutParticle(w));
      }
    }
    this.jamo = [...this.dictionary]
      .filter((w) => [...w].length >= 2)
      .map((word) => {
        const jamo = disassemble(word);
        return { word, jamo, letters: letterSet(jamo) };
      });
    this.cache.clear();
  }

  /**
   * A noun without the case particle and plural 들 it is written with ("직원들은" → 직원); the word
   * as it is when what is left is a verb form ("부담하겠다는" is not the noun 부담하겠다).
   */
  private withoutParticle(word: string): string {
    const p = NOUN_PARTICLES.find((e) => word.endsWith(e) && [...word].length - [...e].length >= 2);
    if (!p) return word;
    let noun = word.slice(0, -p.length);
    if (noun.endsWith('들') && [...noun].length >= 3) noun = noun.slice(0, -1);
    return this.isPredicate(noun) || VERB_STEM_END.test(noun) ? word : noun;
  }

  /** The learned dictionary and its jamo, in learning order (ties in typo matching go to the first). */
  learned(): LearnedKorean {
    return { dictionary: [...this.dictionary], jamo: this.jamo.map((e) => [e.word, e.jamo]) };
  }

  /** What `learned()` gave for the same record and endings: the state `learn` would leave. */
  restore({ dictionary, jamo }: LearnedKorean): void {
    this.dictionary.clear();
    for (const w of dictionary) this.dictionary.add(w);
    this.jamo = jamo.map(([word, j]) => ({ word, jamo: j, letters: letterSet(j) }));
    this.cache.clear();
  }

  knows(word: string): boolean {
    return this.dictionary.has(word);
  }

  /**
   * A verb form whatever its context: a listed connective or final ending, a past stem before the
   * last syllable ("늘어났어", "했고"), or "-아서/-어서" fused into an open stem ("가서", "해서", "와서").
   */
  private isVerbForm(word: string): boolean {
    if (this.predicateEndings.some((e) => word.endsWith(e))) return true;
    const s = [...word];
    const before = syllable(s[s.length - 2]);
    if (!before) return false;
    if (before.final === FINAL.ss) return true;
    return s[s.length - 1] === '서' && before.final === FINAL.none && FUSED_A_EO.has(before.medial);
  }

  /** The known words a Hangul chunk stands for ("주한미군몇명임" → 주한미군, 몇, 명). */
  split(chunk: string): string[] {
    const cached = this.cache.get(chunk);
    if (cached) return cached;
    const out = this.segment(chunk);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(chunk, out);
    return out;
  }

  /** A Latin word typed with the Korean layout off ("qkdnlql" → 방위비), when the result is known. */
  fromQwerty(word: string): string[] | undefined {
    if (!/^[a-z]{2,}$/i.test(word)) return undefined;
    let hangul: string;
    try {
      hangul = convertQwertyToHangul(word);
    } catch {
      return undefined;
    }
    if (!hasHangul(hangul) || /[a-z]/i.test(hangul)) return undefined;
    const parts = this.segment(hangul);
    return parts.every((p) => this.dictionary.has(p)) ? parts : undefined;
  }

  private segment(chunk: string): string[] {
    if (this.dictionary.has(chunk)) return [chunk];
    // A particle or ending on its own that the record never writes alone ("YTN 이") says nothing of the subject.
    if (this.endings.includes(chunk)) return [];
    const stem = this.strip(chunk);
    if (stem !== chunk && this.dictionary.has(stem)) return [stem];
    const broken = this.wordBreak(chunk);
    if (broken) return broken;
    // A verb form is not a typo of a record word ("늘어났어" is not "들어갔어").
    if (this.isVerbForm(chunk)) return [chunk];
    const fixed = this.closest(stem);
    return [fixed ?? stem];
  }

  /**
   * Cuts the longest ending whose remainder is known, or two endings in a row ("년짜리야",
   * "명이라고요"); the word as it is when no cut leaves a known word.
   */
  private strip(word: string, depth = 2): string {
    for (const e of this.endings) {
      if (word.length > e.length && word.endsWith(e)) {
        const stem = word.slice(0, -e.length);
        if (this.dictionary.has(stem)) return stem;
        const inner = depth > 1 ? this.strip(stem, depth - 1) : stem;
        if (inner !== stem) return inner;
      }
    }
    return word;
  }

  /**
   * Dictionary word-break: the split covering the most syllables with known words (ties: fewer
   * pieces), an ending allowed at the end. Undefined when no known word of two or more syllables
   * is found, so one-syllable words never split an unknown word by chance.
   */
  private wordBreak(chunk: string): string[] | undefined {
    const s = [...chunk];
    const n = s.length;
    if (n > 40) return undefined;
    // best[i]: the best split of s[i..]: covered syllables, pieces, words.
    const best: { covered: number; pieces: number; words: string[] }[] = new Array(n + 1);
    best[n] = { covered: 0, pieces: 0, words: [] };
    for (let i = n - 1; i >= 0; i--) {
      let choice = { covered: best[i + 1]!.covered, pieces: best[i + 1]!.pieces + 1, words: [s[i]!, ...best[i + 1]!.words] };
      for (let j = i + 1; j <= n; j++) {
        const piece = s.slice(i, j).join('');
        const rest = best[j]!;
        if (this.dictionary.has(piece)) {
          const c = { covered: rest.covered + (j - i), pieces: rest.pieces + 1, words: [piece, ...rest.words] };
          if (c.covered > choice.covered || (c.covered === choice.covered && c.pieces < choice.pieces)) choice = c;
        } else if (j === n && this.endings.includes(piece)) {
          const c = { covered: j - i, pieces: 1, words: [] as string[] };
          if (c.covered > choice.covered || (c.covered === choice.covered && c.pieces < choice.pieces)) choice = c;
        }
      }
      best[i] = choice;
    }
    const result = best[0]!;
    const known = result.words.filter((w) => this.dictionary.has(w));
    if (!known.some((w) => [...w].length >= 2) || result.covered < n - 1) return undefined;
    // Unknown syllables left over are grammar the list lacks: keep only the known words.
    return known;
  }

  /**
   * A typo, matched on jamo: one edit for short words, two for longer ones. A two-syllable word
   * keeps its initial consonants (협샹 for 협상), or only swaps two letters (혓방 for 협상): one
   * initial away from most of them is another real word (나이 "age" is not 사이 "between").
   */
  private closest(word: string): string | undefined {
    const syllables = [...word].length;
    if (syllables < 2) return undefined;
    const j = disassemble(word);
    const initials = syllables === 2 ? initialsOf(word) : undefined;
    const sameLetters = syllables === 2 ? sorted(j) : undefined;
    const letters = letterSet(j);
    const limit = j.length >= 8 ? 2 : 1;
    let best: { word: string; d: number } | undefined;
    for (const entry of this.jamo) {
      if (Math.abs(entry.jamo.length - j.length) > limit) continue;
      // Each letter one word has and the other lacks takes an edit: more than the limit, no need to align them.
      if (bitCount(letters & ~entry.letters) > limit || bitCount(entry.letters & ~letters) > limit) continue;
      if (initials !== undefined && initialsOf(entry.word) !== initials && sorted(entry.jamo) !== sameLetters) continue;
      const d = osaDistance(j, entry.jamo, limit);
      if (d <= limit && (!best || d < best.d)) best = { word: entry.word, d };
    }
    return best?.word;
  }
}

/**
 * The letters of a jamo string as a 32-bit set (letters sharing a bit count as one, which can only
 * make two words look closer): the number of letters in one set and not the other never exceeds
 * the edit distance, so it rules out most of the dictionary before osaDistance runs.
 */
function letterSet(jamo: string): number {
  let set = 0;
  for (let i = 0; i < jamo.length; i++) set |= 1 << (jamo.charCodeAt(i) & 31);
  return set;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A string's letters in code order: two strings have the same letters when these are equal. */
function sorted(s: string): string {
  return [...s].sort().join('');
}

/** The initial consonant of each Hangul syllable, as indexes ("협상" → "18,9"); other characters as they are. */
function initialsOf(word: string): string {
  return [...word]
    .map((ch) => {
      const code = ch.charCodeAt(0) - 0xac00;
      return code >= 0 && code < 11172 ? String(Math.floor(code / 588)) : ch;
    })
    .join(',');
}

/**
 * Case particles that end a noun and no word of the record's kind: a record word written only with
 * one ("이행약정은", "군수지원에") is learned without it, so the same noun with another particle
 * ("이행약정엔", "군수지원은") is that word rather than a typo of it. Longest first; the noun keeps two
 * syllables or more (회의, 합의 end in 의, which is why 의 alone is not listed).
 */
const NOUN_PARTICLES = ['에서는', '으로는', '에서의', '과의', '와의', '에서', '에게', '에는', '에선', '으로', '께서', '은', '는', '을', '를', '에', '엔', '과'];

/** A stem's last syllable that only verbs end with before -은/-는/-을 ("지원하는", "있는", "했던"). */
const VERB_STEM_END = /(하|되|겠|있|없|였|었|았|했|됐|이)$/u;

function words(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{Script=Hangul}]+/u)
    .filter(Boolean);
}
