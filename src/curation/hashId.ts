/**
 * A platform user id as the curators' records keep it: HMAC-SHA-256 under the operator's secret
 * (CURATION_SECRET), over the platform and the id, in hex. The same person on the same platform
 * always hashes alike (one vote per voter, "asked by 3 people"), but without the secret nobody can
 * tell who it was, nor test a guessed id against the records; the platform is part of the input
 * so that equal ids on two platforms never meet.
 */
import { createHmac } from 'node:crypto';
import type { CurationPlatform } from './types.js';

export function hashUserId(secret: string, platform: CurationPlatform, userId: string): string {
  return createHmac('sha256', secret).update(`${platform}\u0000${userId}`).digest('hex');
}
