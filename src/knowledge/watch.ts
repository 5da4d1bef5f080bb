/**
 * Reloads the knowledge while the bot runs: on file changes in KNOWLEDGE_DIR (debounced, since an
 * editor's save is several events and a half-written file is invalid) and on SIGHUP. An invalid
 * edit keeps the running knowledge and logs every problem as file:line; a valid one is handed to
 * `onValid` (which swaps it in and announces what changed). Reloads run one at a time, in order.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log.js';
import { loadKnowledge } from './load.js';
import type { Knowledge } from './schema.js';
import { formatProblem } from './yamlFile.js';

export interface WatchOptions {
  dir: string;
  logger: Logger;
  onValid(kb: Knowledge): void | Promise<void>;
  debounceMs?: number;
  /** Listen for SIGHUP too (default true). */
  sighup?: boolean;
}

export interface KnowledgeWatcher {
  /** Reloads now (after any reload in progress); true when the new knowledge was valid. */
  reload(reason: string): Promise<boolean>;
  close(): void;
}

export function watchKnowledge(o: WatchOptions): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (reason: string): Promise<boolean> => {
    const result = loadKnowledge(o.dir);
    if (!result.ok) {
      o.logger.error('knowledge reload rejected: keeping the running knowledge', { reason, problems: result.problems.map(formatProblem) });
      return false;
    }
    o.logger.info('knowledge reloaded', { reason, facts: result.knowledge.facts.length, rounds: result.knowledge.rounds.length });
    try {
      await o.onValid(result.knowledge);
    } catch (error) {
      o.logger.error('applying the reloaded knowledge failed', { reason, error });
    }
    return true;
  };
  const reload = (reason: string): Promise<boolean> => {
    const run = queue.then(() => load(reason));
    queue = run.catch(() => undefined);
    return run;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload('file change'), o.debounceMs ?? 500);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(o.dir, { recursive: true }, schedule);
    watcher.on('error', (error) => o.logger.error('knowledge watcher failed; reload with SIGHUP', { error }));
  } catch (error) {
    o.logger.warn('cannot watch the knowledge folder; reload with SIGHUP', { error });
  }
  const onHup = () => void reload('SIGHUP');
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
