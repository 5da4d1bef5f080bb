/**
 * The source line under a chart: each run of items (years, rounds) whose first-cited source is the
 * same names that source once ("1991–2018: ROK Ministry of National Defense (2018)"). The first
 * citation is the one the record prefers; the others are a question away in the chat.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { textWidth } from './fonts.js';
import type { ChartLabels } from './labels.js';

export function sourceLine(kb: Knowledge, items: { key: number; sourceId: string }[], span: (from: number, to: number) => string, labels: ChartLabels): string {
  const runs: { from: number; to: number; sourceId: string }[] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && last.sourceId === item.sourceId) last.to = item.key;
    else runs.push({ from: item.key, to: item.key, sourceId: item.sourceId });
  }
  const byId = new Map(kb.sources.map((s) => [s.id, s]));
  const refs = runs.map((r) => {
    const s = byId.get(r.sourceId);
    // crossChecks guarantees every cited id exists; the id itself is the honest fallback.
    const ref = s ? labels.sourceRef(labels.name(s.publisher), s.published) : r.sourceId;
    return runs.length === 1 ? ref : `${span(r.from, r.to)}: ${ref}`;
  });
  return `${labels.sourcesLead(refs.length)}: ${refs.join('; ')}`;
}

/** Greedy word wrap to `width` pixels at `fontSize` (with the charts' own text measure). */
export function wrap(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const FOOTER_LINE = 14;

/** A view with nothing but lines of small text: the notes and sources under a chart. */
export function footerView(lines: string[], width: number) {
  return {
    width,
    height: lines.length * FOOTER_LINE,
    data: { values: lines.map((text, i) => ({ text, y: i * FOOTER_LINE })) },
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 10, color: '#444' },
    encoding: { x: { value: 0 }, y: { field: 'y', type: 'quantitative', scale: null }, text: { field: 'text' } },
  };
}
