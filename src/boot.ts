/**
 * Start-up shared by `npm start` and the CLI: load and validate the knowledge, or explain exactly
 * why not (every problem as file:line path: problem).
 */
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
