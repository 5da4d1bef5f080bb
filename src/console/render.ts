/** How an answer looks in a terminal: the answer, then sources and date, then numbered follow-ups. */
import type { Answer } from '../core/answer.js';
import { formatDate } from '../core/format.js';
import { sourceLine } from '../core/plainText.js';

export function renderConsole(a: Answer): string {
  const out = [a.text];
  if (a.asOf) out.push(`  as of ${formatDate(a.asOf)}`);
  for (const s of a.sources) out.push(`  source: ${sourceLine(s)}`);
  if (a.suggestions.length) {
    out.push(a.kind === 'answer' ? '  related (type the number to ask):' : '  try (type the number to ask):');
    a.suggestions.forEach((s, i) => out.push(`   ${i + 1}. ${s.question}`));
  }
  return out.join('\n');
}
