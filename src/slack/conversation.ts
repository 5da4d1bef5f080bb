/**
 * The Slack adapter's conversation memory (the previous answer behind a follow-up, answers
 * waiting for "Share in channel", share clicks already posted) behind one small async interface:
 * in this process (a TtlCache), or in the shared conversation state (Postgres, when DATABASE_URL
 * is set), so that a follow-up or a button click that the load balancer sends to another instance
 * finds what the first one remembered.
 *
 * The shared state failing never fails an answer: a read is then a miss (the follow-up lacks its
 * context, a share asks again), a write is skipped, a claim is granted (a rare double share
 * rather than none); each is logged.
 */
import type { Logger } from '../log.js';
import type { ConversationState } from '../state/conversationState.js';
import type { TtlCache } from './cache.js';
import { describeError } from './errors.js';

export interface ConversationMemory<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
  /** Records `key` unless it is already there: true the first time, false for a repeat. */
  claim(key: string, value: V): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export function localMemory<V>(cache: TtlCache<V>): ConversationMemory<V> {
  return {
    get: async (key) => cache.get(key),
    set: async (key, value) => cache.set(key, value),
    claim: async (key, value) => cache.claim(key, value),
    delete: async (key) => cache.delete(key),
  };
}

/** Entries under `slack:<name>:` in the shared state, each kept for `ttlMs`. */
export function sharedMemory<V>(state: ConversationState, name: string, ttlMs: number, logger: Logger): ConversationMemory<V> {
  const k = (key: string) => `slack:${name}:${key}`;
  const unavailable = (what: string, error: unknown) => logger.warn(`slack: shared conversation state unavailable (${name} ${what})`, { error: describeError(error) });
  return {
    get: (key) => state.get<V>(k(key)).catch((error: unknown) => void unavailable('read', error)),
    set: (key, value) => state.set(k(key), value, ttlMs).catch((error: unknown) => unavailable('write', error)),
    claim: (key, value) =>
      state.claim(k(key), value, ttlMs).catch((error: unknown) => {
        unavailable('claim', error);
        return true;
      }),
    delete: (key) => state.delete(k(key)).catch((error: unknown) => unavailable('delete', error)),
  };
}
