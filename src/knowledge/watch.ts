/**
 * Reloads the knowledge while the bot runs: on changes in KNOWLEDGE_DIR (debounced, since an
 * editor's save is several events and a half-written file is invalid) and on SIGHUP. An invalid
 * edit keeps the running knowledge and logs every problem as file:line (a file over the limits,
 * an alias bomb and an unreadable file included); a valid one is handed to `onValid` (which swaps
 * it in and announces what changed). Reloads run one at a time, in order.
 *
 * What is watched is the folders, not the files: `KNOWLEDGE_DIR` and `KNOWLEDGE_DIR/facts`, each
 * with its own non-recursive fs.watch, which reports every name created, changed, renamed or
 * removed in it. Editors and `git checkout` replace a file by renaming a new one over it; a watch
 * on the file itself (what Node's recursive watch does on Linux) stays on the old, deleted inode
 * and sees nothing more. A folder deleted and created again (a fresh checkout, a deploy that
 * swaps the folder or a symlink) is a new inode too, so every `rewatchMs` (1 s) the watcher also
 * compares the folders' inodes with what it watches, and re-watches and reloads when they differ.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { loadKnowledge } from './load.js';
import type { Knowledge } from './schema.js';
import { formatProblem } from './yamlFile.js';

export interface WatchOptions {
  dir: string;
  logger: Logger;
  onValid(kb: Knowledge): void | Promise<void>;
  debounceMs?: number;
  /** How often the folders' identity is checked (default 1 s). */
  rewatchMs?: number;
  /** Listen for SIGHUP too (default true). */
  sighup?: boolean;
}

export interface KnowledgeWatcher {
  /** Reloads now (after any reload in progress); true when the new knowledge was valid. */
  reload(reason: string): Promise<boolean>;
  close(): void;
}

interface Watched {
  ino: number;
  watcher: FSWatcher;
}

const inodeOf = (path: string): number | undefined => {
  try {
    const s = statSync(path);
    return s.isDirectory() ? s.ino : undefined;
  } catch {
    return undefined;
  }
};

export function watchKnowledge(o: WatchOptions): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const load = async (reason: string): Promise<boolean> => {
    let result: ReturnType<typeof loadKnowledge>;
    try {
      result = loadKnowledge(o.dir);
    } catch (error) {
      // A folder changing under the loader (a checkout half done) can fail a read outright.
      o.logger.error('knowledge reload rejected: keeping the running knowledge', {
        reason,
        dir: o.dir,
        problems: [`${o.dir}: ${error instanceof Error ? error.message : String(error)}`],
      });
      return false;
    }
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
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload('file change'), o.debounceMs ?? 500);
  };

  const watched = new Map<string, Watched>();
  const folders = [o.dir, join(o.dir, 'facts')];
  let reportedMissing = false;

  /** Watches each folder that exists, as the inode it is now; true when anything changed. */
  const sync = (): boolean => {
    let changed = false;
    for (const path of folders) {
      const ino = inodeOf(path);
      const current = watched.get(path);
      if (current && current.ino === ino) continue;
      if (current) {
        current.watcher.close();
        watched.delete(path);
        changed = true;
      }
      if (ino === undefined) continue;
      try {
        const watcher = watch(path, schedule);
        watcher.on('error', (error) => {
          o.logger.warn('knowledge watcher lost a folder; watching it again when it is back', { folder: path, error });
          watcher.close();
          if (watched.get(path)?.watcher === watcher) watched.delete(path);
        });
        watched.set(path, { ino, watcher });
        changed = true;
      } catch (error) {
        o.logger.warn('cannot watch a knowledge folder; reload with SIGHUP', { folder: path, error });
      }
    }
    const missing = !watched.has(o.dir);
    if (missing && !reportedMissing) o.logger.warn('the knowledge folder is gone; the running knowledge stays until it is back', { dir: o.dir });
    reportedMissing = missing;
    return changed;
  };

  sync();
  const rewatch = setInterval(() => {
    if (sync()) schedule(); // a folder came back or was replaced: what is in it now may differ
  }, o.rewatchMs ?? 1000);
  rewatch.unref();

  const onHup = () => void reload('SIGHUP');
  if (o.sighup !== false) process.on('SIGHUP', onHup);
  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(rewatch);
      for (const w of watched.values()) w.watcher.close();
      watched.clear();
      process.off('SIGHUP', onHup);
    },
  };
}
