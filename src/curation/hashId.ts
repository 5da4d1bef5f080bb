/**
 * Voters (and, with the question log on, askers) are kept as a keyed hash of their platform id,
 * never the id itself: HMAC-SHA-256 over `platform:userId` with the operator's secret
 * (`CURATION_SECRET`, or the store's own random one, see `secret.ts`). The same person on the same
 * platform always gives the same hash, so one vote per person holds, and without the secret a
 * hash cannot be turned back into an id by trying the ids of a workspace.
 */
import { createHmac } from 'node:crypto';
import type { CurationPlatform } from './types.js';

/** 64 hexadecimal characters. */
export function hashUserId(secret: string, platform: CurationPlatform, userId: string): string {
  if (!secret) throw new Error('hashUserId: the secret is empty');
  return createHmac('sha256', secret).update(`${platform}:${userId}`).digest('hex');
}
