/**
 * The responder for the short-lived commands (`sma ask`, `sma chat`): the record from its snapshot
 * when no knowledge file changed (no YAML parsing or validation, see knowledge/cache.ts), else
 * loaded and validated in full, which throws a KnowledgeError with every problem. The full loader
 * (YAML, the schemas) is imported only then, so an unchanged record starts in a fraction of the time.
 */
import { clockFrom } from '../clock.js';
import { createResponder } from '../core/responder.js';
import { knowledgeKey, readCachedKnowledge, writeCachedKnowledge } from '../knowledge/cache.js';

export async function quickResponder(dir: string, now?: string) {
  let kb = readCachedKnowledge(dir);
  if (!kb) {
    const key = knowledgeKey(dir);
    const { loadOrThrow } = await import('../boot.js');
    kb = loadOrThrow(dir);
    writeCachedKnowledge(dir, kb, key);
  }
  return createResponder(kb, { clock: clockFrom(now) });
}
