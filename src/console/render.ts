/** How an answer looks in a terminal: the shared view's heading, body, as-of text, sources and numbered follow-ups. */
import type { Answer } from '../core/answer.js';
import { plainSource } from '../core/plainText.js';
import { answerView } from '../core/view.js';

/** A terminal shows the first few sources; `sma ask --json` and the platforms carry them all. */
const SHOWN_SOURCES = 3;

export function renderConsole(a: Answer): string {
  const v = answerView(a);
  const t = v.labels;
  const out = v.heading ? [v.heading, v.body] : [v.body];
  if (v.asOf) out.push(`  ${v.asOf}`);
  for (const s of v.sources.slice(0, SHOWN_SOURCES)) out.push(`  ${t.sources(1).toLowerCase()}: ${plainSource(s, v.language)}`);
  const hidden = v.sources.length - SHOWN_SOURCES;
  if (hidden > 0) out.push(`  … ${t.more(hidden)} (${t.askSources})`);
  if (v.suggestions.length) {
    out.push(`  ${v.suggestionsLabel.toLowerCase()} (${t.pick}):`);
    v.suggestions.forEach((s, i) => out.push(`   ${i + 1}. ${s.question}`));
  }
  return out.join('\n');
}
