/** How an answer looks in a terminal: the answer, then sources and date, then numbered follow-ups. */
import type { Answer } from '../core/answer.js';
import { formatDate } from '../core/format.js';
import { sourceLine } from '../core/plainText.js';

const SHOWN_SOURCES = 3;

export function renderConsole(a: Answer): string {
  const out = [a.text];
  if (a.asOf) out.push(`  as of ${formatDate(a.asOf)}`);
  // A terminal shows the first few sources; `sma ask --json` and the platforms carry them all.
  for (const s of a.sources.slice(0, SHOWN_SOURCES)) out.push(`  source: ${sourceLine(s)}`);
  if (a.sources.length > SHOWN_SOURCES) out.push(`  … and ${a.sources.length - SHOWN_SOURCES} more (ask "what is the source for this?")`);
  if (a.suggestions.length) {
    out.push(a.kind === 'answer' ? '  related (type the number to ask):' : '  try (type the number to ask):');
    a.suggestions.forEach((s, i) => out.push(`   ${i + 1}. ${s.question}`));
  }
  return out.join('\n');
}
