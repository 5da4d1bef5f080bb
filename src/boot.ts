/**
 * Start-up shared by `npm start` and the CLI: load the knowledge once and build the responder,
 * or explain exactly why not (every problem as file:line path: problem).
 */
import { createResponder } from './core/responder.js';
import { loadKnowledge } from './knowledge/load.js';
import type { Knowledge } from './knowledge/schema.js';
import { formatProblem } from './knowledge/yamlFile.js';

export class KnowledgeError extends Error {
  constructor(readonly lines: string[]) {
    super(`The knowledge base has ${lines.length} problem${lines.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
  }
}

export function loadOrThrow(dir: string): Knowledge {
  const result = loadKnowledge(dir);
  if (!result.ok) throw new KnowledgeError(result.problems.map(formatProblem));
  return result.knowledge;
}

/** A fixed clock from `SMA_NOW` / `--now` (YYYY-MM-DD, noon UTC), else the real one. */
export function clockFrom(date: string | undefined): () => Date {
  if (!date) return () => new Date();
  const fixed = new Date(`${date}T12:00:00Z`);
  return () => fixed;
}

export function buildResponder(dir: string, now?: string) {
  return createResponder(loadOrThrow(dir), { clock: clockFrom(now) });
}
