/**
 * The one presentation of an answer: built once from an `Answer`, in the answer's language through
 * the message catalogue, and laid out by every platform (Slack Block Kit, Discord embeds, the
 * console, plain text). What the view decides, no renderer decides again: the heading, the body,
 * which sources are cited and how (only http(s) links; approximate dates and source notes marked),
 * the as-of text (saying so when it is after the clock's day), the suggestions and their label.
 * A renderer only escapes for its markup, applies its platform's limits (with `fitList`, so a cut
 * list says how many are left) and lays the parts out.
 */
import { MAX_SUGGESTIONS, type Answer, type AnswerKind, type Language, type SourceRef, type Suggestion } from './answer.js';
import { formatDate } from './format.js';
import { messages, type Catalogue } from './i18n/index.js';

export interface SourceView {
  id: string;
  publisher: string;
  title: string;
  /** When it was published, as the answer writes dates, with the approximate mark and the note. */
  when: string;
  approximate: boolean;
  note?: string;
  /** Only an absolute http(s) URL, normalised; anything else (javascript:, mailto:, junk) is dropped. */
  url?: string;
}

export interface AnswerView {
  language: Language;
  kind: AnswerKind;
  /** The question answered (or the row asked about), above the body; none for "did you mean" or "I don't know". */
  heading?: string;
  body: string;
  sources: SourceView[];
  /** "as of April 5, 2019" (or "…, after March 1, 2019" when that is after the clock's day). */
  asOf?: string;
  /** Distinct, non-empty, at most MAX_SUGGESTIONS. */
  suggestions: Suggestion[];
  /** "Related" after an answer, "Try" after a "did you mean" or an "I don't know". */
  suggestionsLabel: string;
  labels: Catalogue['view'];
}

/** The URL when it is an absolute http(s) URL (normalised by the URL parser), else nothing. */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A source as every platform cites it. */
export function sourceView(s: Pick<SourceRef, 'id' | 'publisher' | 'title' | 'url' | 'date' | 'approximate' | 'note'>, lang: Language): SourceView {
  const t = messages(lang).view;
  const date = s.date ? formatDate(s.date, lang) : '';
  const dated = date && s.approximate ? t.approximate(date) : date;
  const note = s.note?.trim().replace(/\.$/, '');
  const url = httpUrl(s.url);
  return {
    id: s.id,
    publisher: s.publisher.trim() || s.id,
    title: s.title.trim(),
    when: [dated, note].filter(Boolean).join('; '),
    approximate: !!s.approximate,
    ...(note ? { note } : {}),
    ...(url ? { url } : {}),
  };
}

export interface CiteOptions {
  /** Escapes a piece of text for the platform's markup (identity for plain text). */
  escape?: (text: string) => string;
  /** Makes the (escaped) title a link to the source; without it, the title stays text. */
  link?: (title: string, url: string) => string;
}

/** `Yonhap, "Title" (March 7, 2018)`: one citation format for every platform, links where it has them. */
export function cite(s: SourceView, lang: Language, o: CiteOptions = {}): string {
  const esc = o.escape ?? ((x: string) => x);
  const title = esc(s.title);
  const linked = s.url && o.link ? o.link(title, s.url) : title;
  return messages(lang).view.cite(esc(s.publisher), linked, esc(s.when));
}

/** The answer as every platform presents it. */
export function answerView(a: Answer): AnswerView {
  const lang = a.language ?? 'en';
  const t = messages(lang).view;
  // What the reply is about: the question answered, or the row asked about that the record lacks
  // ("Rounds of the 11th SMA talks": none recorded); a "did you mean" or an "I don't know" has none.
  const heading = a.matched || a.request ? a.title.trim() : '';
  const asOf = a.asOf ? (a.clockDay && a.asOf > a.clockDay ? t.asOfLater(formatDate(a.asOf, lang), formatDate(a.clockDay, lang)) : t.asOf(formatDate(a.asOf, lang))) : undefined;
  return {
    language: lang,
    kind: a.kind,
    ...(heading ? { heading } : {}),
    body: a.text.trim(),
    sources: a.sources.map((s) => sourceView(s, lang)),
    ...(asOf ? { asOf } : {}),
    suggestions: distinctSuggestions(a.suggestions),
    suggestionsLabel: a.kind === 'answer' ? t.related : t.tryThese,
    labels: t,
  };
}

/** Suggestions as offered: trimmed, non-empty, no question twice, at most MAX_SUGGESTIONS. */
export function distinctSuggestions(suggestions: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const s of suggestions) {
    const question = s.question.trim();
    const key = question.toLowerCase();
    if (!question || seen.has(key)) continue;
    seen.add(key);
    out.push({ ...s, question });
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

/**
 * As many whole items as fit in `max` characters joined by `separator`, then `more(n)` for the n
 * left out (room for it is kept): a platform's limit shortens a list, it never hides that it did.
 * An item longer than the whole budget is never half shown; it counts as left out.
 */
export function fitList(items: readonly string[], max: number, separator: string, more: (count: number) => string): string {
  const shown: string[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const add = (shown.length ? separator.length : 0) + item.length;
    const left = items.length - i - 1;
    const tail = left ? separator.length + more(left).length : 0;
    if (used + add + tail > max) break;
    shown.push(item);
    used += add;
  }
  const hidden = items.length - shown.length;
  return hidden ? [...shown, more(hidden)].join(separator) : shown.join(separator);
}

const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` UTF-16 units (what the platforms count), ending in "…", never
 * splitting a surrogate pair, preferring a word boundary near the cut. `keep` may move the cut
 * back further (Slack: not inside an `&amp;` entity).
 */
export function truncate(text: string, max: number, keep?: (text: string, cut: number) => number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = Math.max(0, max - ELLIPSIS.length);
  const code = text.charCodeAt(cut);
  if (cut > 0 && code >= 0xdc00 && code <= 0xdfff) cut -= 1; // a low surrogate: keep the pair whole
  if (keep) cut = keep(text, cut);
  const space = text.lastIndexOf(' ', cut);
  if (space > 0 && space > cut - 40 && space >= cut * 0.6) cut = space;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}
