/**
 * A question as the core understands it, in any language the lexicon covers: canonical concept
 * tokens (normalise.ts) plus slots found in the words — an agreement or a round by number, dates
 * (absolute or relative to the clock), places from the record's rounds. Intents and facts read
 * only this, never the raw text.
 */
import type { Knowledge } from '../../knowledge/schema.js';
import type { Language } from '../answer.js';
import { basicTokens, DATE_TOKEN, DATE_WORD, type Normaliser, ORDINAL_TOKEN, type Query } from '../normalise.js';
import { findDates, type DateRange } from './dates.js';

export { DATE_TOKEN };

export interface Slots {
  /** "the 10th SMA", "SMA 11", "the 12th deal". */
  agreement?: number;
  /** "round 3", "the third meeting". */
  round?: number;
  dates: DateRange[];
  /** Places of the record's rounds the question names ("in hawaii" → "Honolulu, Hawaii"). */
  places: string[];
}

export interface Question extends Query {
  slots: Slots;
  /** The question's own language: Korean when its Hangul words outnumber its non-acronym Latin words. */
  language: Language;
  /** `tokens` as a set, for the intents' word tests. */
  tokenSet: ReadonlySet<string>;
  /** Canonical tokens of the place words, which the round intent accounts for when it uses them. */
  placeTokens: ReadonlySet<string>;
}

/** Words a venue's name shares with any other ("the Korea National Defense University"). */
const VENUE_FILLER = new Set(['of', 'the', 'and', 'for', 'korea', 'us']);
const AGREEMENT_WORDS = new Set(['sma', 'agreement', 'negotiation', 'treaty', 'contract']);

export class Analyser {
  /** A basic place word ("honolulu", "jeju") → the record's place strings it names. */
  private readonly gazetteer = new Map<string, Set<string>>();
  private readonly roundsByAgreement = new Map<number, boolean>();
  /** Each venue's name by its words ("institute defense analyses"): named whole, it names its place. */
  private readonly venueNames: { words: string[]; place: string }[] = [];

  constructor(
    kb: Knowledge,
    readonly normaliser: Normaliser,
  ) {
    const generic = new Set(['island', 'national', 'university', 'of', 'the', 'and', 'korea', 'us', 'dc']);
    // A word of venue names held in different places ("defense": the Korea Institute for Defense
    // Analyses in Seoul, the National Defense University in Washington) names no place.
    const venuePlaces = new Map<string, Set<string>>();
    for (const r of kb.rounds)
      for (const w of [...basicTokens(r.venue ?? ''), ...normaliser.fold(basicTokens(r.venue ?? ''))]) {
        if (!venuePlaces.has(w)) venuePlaces.set(w, new Set());
        venuePlaces.get(w)!.add(r.place);
      }
    const placeNamed = new Set(kb.rounds.flatMap((r) => basicTokens(r.place)));
    for (const [w, at] of venuePlaces) if (at.size > 1 && !placeNamed.has(w)) generic.add(w);
    for (const r of kb.rounds) {
      const name = basicTokens((r.venue ?? '').replace(/\(.*?\)/g, '')).filter((w) => !VENUE_FILLER.has(w));
      if (name.length > 1) this.venueNames.push({ words: name, place: r.place });
      for (const text of [r.place, r.venue ?? '']) {
        // Its words, and the one word the lexicon may fold its name into ("los angeles", "LA").
        const folded = normaliser.fold(basicTokens(text)).filter((w) => !basicTokens(text).includes(w) && w.length >= 4);
        for (const w of [...basicTokens(text), ...folded]) {
          if (generic.has(w) || w.length < 4) continue;
          if (!this.gazetteer.has(w)) this.gazetteer.set(w, new Set());
          this.gazetteer.get(w)!.add(r.place);
        }
      }
    }
    // Korean names of the same places ("호놀룰루", "제주") from the glossary.
    const placeNames = new Set(kb.rounds.flatMap((r) => [r.place, r.venue ?? '']));
    for (const term of kb.glossary.terms) {
      if (!placeNames.has(term.en)) continue;
      const places = kb.rounds.filter((r) => r.place === term.en || r.venue === term.en).map((r) => r.place);
      for (const w of basicTokens(term.ko)) {
        if (w.length < 2) continue;
        if (!this.gazetteer.has(w)) this.gazetteer.set(w, new Set());
        places.forEach((p) => this.gazetteer.get(w)!.add(p));
      }
    }
    for (const a of kb.agreements)
      this.roundsByAgreement.set(
        a.number,
        kb.rounds.some((r) => r.agreement === a.id),
      );
  }

  analyse(raw: string, now: Date): Question {
    const text = this.normaliser.rewrite(raw);
    const dates = findDates(text, now);
    const years: number[] = [];
    // Each date phrase becomes one placeholder token, so "last week" is neither "last" nor "week".
    let marked = text;
    for (const d of [...dates].sort((a, b) => b.index - a.index)) {
      if (d.grain !== 'day' && d.grain !== 'week' && d.grain !== 'span') years.push(Number(d.from.slice(0, 4)));
      if (d.grain === 'year') continue;
      // A part of a year keeps its year as a word ("early 2019" is "#date 2019"): the facts and
      // phrasings that name the year still meet it, as they did before the part was understood.
      const year = d.grain === 'season' || d.grain === 'part' ? ` ${d.from.slice(0, 4)}` : '';
      marked = `${marked.slice(0, d.index)} ${DATE_WORD}${year} ${marked.slice(d.index + d.text.length)}`;
    }
    const basic = this.normaliser.corrected(marked);
    const q = this.normaliser.fromBasic(raw, basic, years);
    const places = new Set<string>();
    const placeWords: string[] = [];
    for (const w of new Set([...basic, ...q.tokens])) {
      const found = this.gazetteer.get(w);
      if (!found) continue;
      found.forEach((p) => places.add(p));
      placeWords.push(w);
    }
    const said = new Set(basic);
    for (const v of this.venueNames) {
      if (!v.words.every((w) => said.has(w))) continue;
      places.add(v.place);
      placeWords.push(...v.words);
    }
    const slots: Slots = {
      agreement: this.agreementNumber(q),
      round: this.roundNumber(q),
      dates: dates.filter((d) => d.grain !== 'year'),
      places: [...places],
    };
    // Slot markers among the tokens, so intents.yaml can say "increase @year".
    const markers = [
      slots.agreement !== undefined && '@agreement',
      slots.round !== undefined && '@round',
      q.years.length > 0 && '@year',
      slots.dates.length > 0 && '@date',
      slots.places.length > 0 && '@place',
    ].filter((m): m is string => !!m);
    return { ...q, language: languageOf(raw), tokenSet: new Set([...q.tokens, ...markers]), placeTokens: new Set(this.normaliser.fold(placeWords)), slots };
  }

  /** Whether "Nth talks" means the talks on the Nth SMA (their rounds are on record) rather than the Nth round. */
  private talksOfAgreement(n: number): boolean {
    return this.roundsByAgreement.get(n) ?? false;
  }

  private agreementNumber(q: Query): number | undefined {
    for (const n of numbersIn(q)) {
      if (n.next === 'negotiation' && !this.talksOfAgreement(n.value)) continue;
      if (n.next && AGREEMENT_WORDS.has(n.next)) return n.value;
      if (n.prev === 'sma' && n.next !== 'round') return n.value;
    }
    return undefined;
  }

  /** "round 3", "3rd round", "the third meeting" (meeting folds into round), "the first talks". */
  private roundNumber(q: Query): number | undefined {
    for (const n of numbersIn(q)) {
      if (n.next === 'negotiation' && !this.talksOfAgreement(n.value)) return n.value;
      if (n.next && AGREEMENT_WORDS.has(n.next)) continue;
      if (n.next === 'round' || n.prev === 'round') return n.value;
    }
    return undefined;
  }
}

/**
 * The agreements a question names by number: an ordinal before "sma" or "agreement", and the
 * ordinals listed right before one ("the 10th and the 12th SMA", "10차랑 12차").
 */
export function agreementOrdinals(content: readonly string[]): Set<string> {
  const out = new Set<string>();
  let listed = false;
  for (let i = content.length - 1; i >= 0; i--) {
    const t = content[i]!;
    if (!ORDINAL_TOKEN.test(t)) {
      listed = false;
      continue;
    }
    const next = content[i + 1];
    listed = (next !== undefined && AGREEMENT_WORDS.has(next) && next !== 'negotiation') || (listed && next !== undefined && ORDINAL_TOKEN.test(next));
    if (listed) out.add(t);
  }
  return out;
}

/** Hangul words against Latin words that are not acronyms ("SMA가 뭐야" is Korean). */
export function languageOf(text: string): Language {
  const hangul = text.match(/[\p{Script=Hangul}]+/gu)?.length ?? 0;
  const latin = (text.match(/\p{Script=Latin}+/gu) ?? []).filter((w) => !/^[A-Z]{2,6}s?$/.test(w)).length;
  return hangul > latin ? 'ko' : 'en';
}

/** Ordinals and small numbers among the content words, with the words either side. */
function numbersIn(q: Query): { value: number; next?: string; prev?: string }[] {
  const out: { value: number; next?: string; prev?: string }[] = [];
  q.content.forEach((t, i) => {
    const m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(t);
    // A bare number names what comes before it ("round 3", "SMA 11"); only an ordinal names what
    // follows ("the 3rd round"): "1+5 agreement" is not the 5th SMA.
    if (m) out.push({ value: Number(m[1]), next: m[2] ? q.content[i + 1] : undefined, prev: q.content[i - 1] });
  });
  return out;
}
