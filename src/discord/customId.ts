/**
 * Button custom ids (at most 100 characters, unique within a message): `sma:` and the button's
 * payload in the shared format of `src/adapters/payload.ts` (`sma:r:{"intent":"next-round"}`,
 * `sma:f:<factId>`, `sma:q:<question>`), so a click says what to ask with nothing held in memory.
 *
 * Buttons posted before this format (`sma:ask:<factId>`) still name their fact and keep working.
 */
import { decodePayload, encodeSuggestion, type ButtonTarget } from '../adapters/payload.js';
import type { Suggestion } from '../core/answer.js';

export const CUSTOM_ID_MAX = 100;
const PREFIX = 'sma:';
const LEGACY_FACT = 'sma:ask:';

/** The button's custom id, or `undefined` when nothing it could ask fits in 100 characters. */
export function customIdFor(s: Suggestion): string | undefined {
  const payload = encodeSuggestion(s, CUSTOM_ID_MAX - PREFIX.length);
  return payload === undefined ? undefined : `${PREFIX}${payload}`;
}

/** Whether the id is in this bot's namespace (a malformed one is still ours to answer). */
export function isOurCustomId(customId: string): boolean {
  return customId.startsWith(PREFIX);
}

/** What an id asks; `undefined` when it is not ours, malformed or out of bounds. */
export function parseCustomId(customId: string): ButtonTarget | undefined {
  if (customId.length > CUSTOM_ID_MAX || !isOurCustomId(customId)) return undefined;
  if (customId.startsWith(LEGACY_FACT)) return decodePayload(`f:${customId.slice(LEGACY_FACT.length)}`);
  return decodePayload(customId.slice(PREFIX.length));
}
