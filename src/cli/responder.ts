/**
 * The record and the responder for the short-lived commands (`sma ask`, `sma chat`, and the others that read the record): the record from its snapshot
 * when no knowledge file changed (no YAML parsing or validation, see knowledge/cache.ts), else
 * loaded and validated in full, which throws a KnowledgeError with every problem. The full loader
 * (YAML, the schemas) is imported only then, so an unchanged record starts in a fraction of the time.
 * The snapshot keeps the dates the answers mention too, so chrono-node is not loaded to find them,
 * and the responder restores the words its last build of the same record learned (indexCache.ts).
 */
import { clockFrom } from '../clock.js';
import { createResponder } from '../core/responder.js';
import { datesFound, restoreDatesFound } from '../core/understand/dates.js';
import { knowledgeKey, readCachedKnowledge, writeCachedKnowledge } from '../knowledge/cache.js';
import type { Knowledge } from '../knowledge/schema.js';
import { readLearnedWords, writeLearnedWords } from './indexCache.js';

const answers = (kb: Knowledge) => kb.facts.map((f) => ({ text: f.answer, asOf: f.asOf }));

/** The record, and the content key of the files it was read from (undefined when they changed meanwhile or cannot be read). */
async function keyedRecord(dir: string): Promise<{ kb: Knowledge; key: string | undefined }> {
  const key = knowledgeKey(dir);
  const snapshot = readCachedKnowledge(dir, key);
  if (snapshot) {
    restoreDatesFound(snapshot.answerDates);
    return { kb: snapshot.knowledge, key };
  }
  const { loadOrThrow } = await import('../boot.js');
  const kb = loadOrThrow(dir);
  writeCachedKnowledge(dir, { knowledge: kb, answerDates: datesFound(answers(kb)) }, key);
  return { kb, key: key && knowledgeKey(dir) === key ? key : undefined };
}

/**
 * The record for a command: its snapshot when no knowledge file changed since it last loaded
 * without problems, else loaded and validated in full (a KnowledgeError lists every problem) and
 * the snapshot written. The same Knowledge either way; `kb validate` alone always loads in full.
 */
export async function loadRecord(dir: string): Promise<Knowledge> {
  return (await keyedRecord(dir)).kb;
}

/** The responder over the record in `dir`, its words restored from the last build of the same record and code, else learned and kept. */
export async function quickResponder(dir: string, now?: string) {
  const { kb, key } = await keyedRecord(dir);
  const clock = clockFrom(now);
  const learned = key ? readLearnedWords(dir, key) : undefined;
  if (learned) return createResponder(kb, { clock, learned });
  const responder = createResponder(kb, { clock });
  if (key) writeLearnedWords(dir, key, responder.normaliser.learned());
  return responder;
}
