/**
 * What Slack buttons carry in their `value` (at most 2000 characters): the shared button payload of
 * `src/adapters/payload.ts` for suggestion buttons, and for "Share in channel" the id of the answer
 * the user saw plus that payload, so a share after a restart asks the same thing again.
 */
import { decodePayload, encodeTarget, type ButtonTarget } from '../adapters/payload.js';
import type { AskRequest } from '../core/answer.js';

/**
 * A suggestion button's target. Buttons posted before the payload format carried the bare
 * question as their value; a value without a payload prefix is still read that way, so those
 * messages (help, DM and thread answers stay in Slack) keep working.
 */
export function decodeButtonValue(value: string | undefined): ButtonTarget | undefined {
  if (!value) return undefined;
  if (/^[a-z]{1,8}:/.test(value)) return decodePayload(value);
  return decodePayload(`q:${value}`);
}

export interface ShareValue {
  /** The shared answer's id in the in-memory cache (gone after a restart or 30 minutes). */
  id: string;
  /** What was asked, to ask again when the answer is gone. */
  target: ButtonTarget;
}

const SHARE_ID = /^[0-9a-f-]{36}$/;

/** What the core was asked, as a target: the words as typed, or the structured request. */
export const targetOfInput = (input: string | AskRequest): ButtonTarget =>
  typeof input === 'string' ? { kind: 'question', question: input } : { kind: 'request', request: input };

export function encodeShareValue(v: ShareValue): string {
  return JSON.stringify({ id: v.id, ask: encodeTarget(v.target) });
}

export function decodeShareValue(value: string | undefined): ShareValue | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object') {
      const { id, ask } = parsed as { id?: unknown; ask?: unknown };
      const target = typeof ask === 'string' ? decodePayload(ask) : undefined;
      if (typeof id === 'string' && SHARE_ID.test(id) && target) return { id, target };
    }
  } catch {
    // not a share value of this bot
  }
  return undefined;
}
