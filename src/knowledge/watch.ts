/**
 * Reloads the knowledge while the bot runs: on file changes in KNOWLEDGE_DIR (debounced) and on
 * SIGHUP. An invalid edit keeps the running knowledge and logs every problem as file:line; a valid
 * one is handed to `onValid` (which swaps it in and announces what changed).
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log.js';
import { loadKnowledge } from './load.js';
import type { Knowledge } from './schema.js';
import { formatProblem } from './yamlFile.js';

export interface WatchOptions {
  dir: string;
  logger: Logger;
  onValid(kb: Knowledge): void;
  debounceMs?: number;
  /** Listen for SIGHUP too (default true). */
  sighup?: boolean;
}

export interface KnowledgeWatcher {
  /** Reloads now; true when the new knowledge was valid. */
  reload(reason: string): boolean;
  close(): void;
}

export function watchKnowledge(o: WatchOptions): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  const reload = (reason: string): boolean => {
    const result = loadKnowledge(o.dir);
    if (!result.ok) {
      o.logger.error('knowledge reload rejected: keeping the running knowledge', { reason, problems: result.problems.map(formatProblem) });
      return false;
    }
    o.logger.info('knowledge reloaded', { reason, facts: result.knowledge.facts.length, rounds: result.knowledge.rounds.length });
    try {
      o.onValid(result.knowledge);
    } catch (error) {
      o.logger.error('applying reloaded knowledge failed', { error });
    }
    return true;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => reload('file change'), o.debounceMs ?? 500);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(o.dir, { recursive: true }, schedule);
    watcher.on('error', (error) => o.logger.error('knowledge watcher error', { error }));
  } catch (error) {
    o.logger.warn('cannot watch the knowledge folder; reload with SIGHUP', { error });
  }
  const onHup = () => reload('SIGHUP');
  if (o.sighup !== false) process.on('SIGHUP', onHup);
  return {
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
      process.off('SIGHUP', onHup);
    },
  };
}
