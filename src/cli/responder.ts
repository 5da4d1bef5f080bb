/**
 * The responder for the short-lived commands (`sma ask`, `sma chat`): the record from its snapshot
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

export async function quickResponder(dir: string, now?: string) {
  const snapshot = readCachedKnowledge(dir);
  if (snapshot) {
    restoreDatesFound(snapshot.answerDates);
    return createResponder(snapshot.knowledge, { clock: clockFrom(now) });
  }
  const key = knowledgeKey(dir);
  const { loadOrThrow } = await import('../boot.js');
  const kb = loadOrThrow(dir);
  const responder = createResponder(kb, { clock: clockFrom(now) });
  writeCachedKnowledge(dir, { knowledge: kb, answerDates: datesFound(answers(kb)) }, key);
  return responder;
}
