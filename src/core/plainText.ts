/**
 * The answer as one plain text, the way a user reads it: the answer, its sources and as-of date,
 * then suggestions. Used by the console chat, `sma ask` and `sma eval`; Slack and Discord lay
 * out the same fields in their own formats.
 */
import type { Answer, Language, SourceRef } from './answer.js';
import { messages } from './i18n/index.js';

export function sourceLine(s: SourceRef, lang: Language = 'en'): string {
  return messages(lang).sources.line(s.publisher, s.title, s.date, s.url);
}

export function plainText(a: Answer): string {
  const lang = a.language ?? 'en';
  const t = messages(lang).plain;
  const lines = [a.text];
  if (a.sources.length || a.asOf) {
    const asOf = a.asOf ? t.asOf(a.asOf) : '';
    const sources = a.sources.length ? t.sources(a.sources.map((s) => sourceLine(s, lang))) : '';
    lines.push(`${asOf}${sources}`.trim());
  }
  if (a.suggestions.length) {
    lines.push(`${a.kind === 'answer' ? t.related : t.suggestions}: ${a.suggestions.map((s) => s.question).join(' | ')}`);
  }
  return lines.join('\n');
}
