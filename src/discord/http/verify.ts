/**
 * Discord's request signature for HTTP interactions: Ed25519 over `timestamp + raw body`, with the
 * application's public key (hex, Developer Portal > General Information), checked with node:crypto
 * (OpenSSL) — no dependency. The key is imported once; a check takes tens of microseconds
 * (bench/signature.ts measures the p99).
 *
 * Discord sends deliberately bad signatures to an endpoint when it is set, and refuses endpoints
 * that accept them: every failure here is a 401.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('a Discord public key is 64 hexadecimal characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** True only when `signatureHex` is the application's signature of `timestamp` + `body`. */
export function verifyDiscordRequest(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
}
