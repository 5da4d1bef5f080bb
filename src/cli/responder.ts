/**
 * The record and the responder for the short-lived commands (`sma ask`, `sma chat`, and the others that read the record): the record from its snapshot
 * when no knowledge file changed (no YAML parsing or validation, see knowledge/cache.ts), else
 * loaded and validated in full, which throws a KnowledgeError with every problem. The full loader
 * (YAML, the schemas) is imported only then, so an unchanged record starts in a fraction of the time.
 * The snapshot keeps the dates the answers mention too, so chrono-node is not loaded to find them.
 */
import { clockFrom } from '../clock.js';
import { createResponder } from '../core/responder.js';
import { datesFound, restoreDatesFound } from '../core/understand/dates.js';
import { knowledgeKey, readCachedKnowledge, writeCachedKnowledge } from '../knowledge/cache.js';
import type { Knowledge } from '../knowledge/schema.js';

const answers = (kb: Knowledge) => kb.facts.map((f) => ({ text: f.answer, asOf: f.asOf }));

/**
 * The record for a command: its snapshot when no knowledge file changed since it last loaded
 * without problems, else loaded and validated in full (a KnowledgeError lists every problem) and
 * the snapshot written. The same Knowledge either way; `kb validate` alone always loads in full.
 */
export async function loadRecord(dir: string): Promise<Knowledge> {
  const snapshot = readCachedKnowledge(dir);
  if (snapshot) {
    restoreDatesFound(snapshot.answerDates);
    return snapshot.knowledge;
  }
  const key = knowledgeKey(dir);
  const { loadOrThrow } = await import('../boot.js');
  const kb = loadOrThrow(dir);
  writeCachedKnowledge(dir, { knowledge: kb, answerDates: datesFound(answers(kb)) }, key);
  return kb;
}

export async function quickResponder(dir: string, now?: string) {
  return createResponder(await loadRecord(dir), { clock: clockFrom(now) });
}
