/**
 * The answer as one plain text, the way a user reads it: the answer, its as-of date and sources,
 * then suggestions, laid out from the shared view (src/core/view.ts). Used by `sma ask` and
 * `sma eval`; the console, Slack and Discord lay out the same view in their own formats.
 */
import type { Answer, Language, SourceRef } from './answer.js';
import { messages } from './i18n/index.js';
import { answerView, cite, sourceView, type SourceView } from './view.js';

/** A source as one plain line: the citation, then its address (only an http(s) one). */
export function plainSource(s: SourceView, lang: Language): string {
  return `${cite(s, lang)}${s.url ? ` ${s.url}` : ''}`;
}

export function sourceLine(s: SourceRef, lang: Language = 'en'): string {
  return plainSource(sourceView(s, lang), lang);
}

export function plainText(a: Answer): string {
  const v = answerView(a);
  const t = messages(v.language).plain;
  const lines = [a.text];
  if (v.sources.length || v.asOf) {
    const asOf = v.asOf ? t.asOf(v.asOf) : '';
    const sources = v.sources.length ? t.sources(v.sources.map((s) => plainSource(s, v.language))) : '';
    lines.push(`${asOf}${sources}`.trim());
  }
  if (v.suggestions.length) {
    lines.push(`${v.kind === 'answer' ? t.related : t.suggestions}: ${v.suggestions.map((s) => s.question).join(' | ')}`);
  }
  return lines.join('\n');
}
