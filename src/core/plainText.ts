/**
 * The answer as one plain text, the way a user reads it: the answer, its sources and as-of date,
 * then suggestions. Used by the console chat, `sma ask` and `sma eval`; Slack and Discord lay
 * out the same fields in their own formats.
 */
import type { Answer, SourceRef } from './answer.js';
import { formatDate } from './format.js';

export function sourceLine(s: SourceRef): string {
  return `${s.publisher}, "${s.title}" (${formatDate(s.date)})${s.url ? ` ${s.url}` : ''}`;
}

export function plainText(a: Answer): string {
  const lines = [a.text];
  if (a.sources.length || a.asOf) {
    const asOf = a.asOf ? `As of ${formatDate(a.asOf)}.` : '';
    const sources = a.sources.length ? ` Sources: ${a.sources.map(sourceLine).join('; ')}.` : '';
    lines.push(`${asOf}${sources}`.trim());
  }
  if (a.suggestions.length) {
    lines.push(`${a.kind === 'answer' ? 'Related' : 'Suggestions'}: ${a.suggestions.map((s) => s.question).join(' | ')}`);
  }
  return lines.join('\n');
}
