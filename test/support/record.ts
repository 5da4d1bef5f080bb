/**
 * The shipped record and responders built from it, shared by every test file a vitest worker runs
 * (isolate: false): loading and validating the record takes about 0.3 s and building a responder
 * from it about as long, which some twenty files each did for themselves. Read-only: a test that
 * changes the record or its lexicon loads or copies its own.
 */
import { join } from 'node:path';
import { loadOrThrow } from '../../src/boot.js';
import { createResponder, type RecordResponder } from '../../src/core/responder.js';
import type { Knowledge } from '../../src/knowledge/schema.js';

const RECORD_DIR = join(import.meta.dirname, '../../knowledge');

let knowledge: Knowledge | undefined;
export function recordKnowledge(): Knowledge {
  knowledge ??= loadOrThrow(RECORD_DIR);
  return knowledge;
}

const responders = new Map<string, RecordResponder>();
/** A responder on the shipped record whose clock stands at `now` (the system clock without it). */
export function recordResponder(now?: Date): RecordResponder {
  const key = now?.toISOString() ?? 'system clock';
  let responder = responders.get(key);
  if (!responder) {
    const at = now && new Date(now);
    responder = createResponder(recordKnowledge(), at ? { clock: () => at } : {});
    responders.set(key, responder);
  }
  return responder;
}
