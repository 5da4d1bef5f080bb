/** Tokens at rest: what opens, and what is refused with a reason an operator can act on. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher, TokenCipherError } from '../../src/slack/oauth/tokenCipher.js';

const key = () => randomBytes(32).toString('base64');

describe('TokenCipher (AES-256-GCM)', () => {
  const cipher = new TokenCipher(key());
  const secret = JSON.stringify({ bot: { token: 'xoxb-1-secret' } });

  it('opens what it sealed, with a fresh IV each time and no plaintext in the sealed form', () => {
    const a = cipher.seal(secret, 'T:T1');
    const b = cipher.seal(secret, 'T:T1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(cipher.open(a, 'T:T1')).toBe(secret);
  });

  it('refuses another key by name, a value moved to another row, and any altered byte', () => {
    const sealed = cipher.seal(secret, 'T:T1');
    expect(() => new TokenCipher(key()).open(sealed, 'T:T1')).toThrow(/encrypted with another SLACK_TOKEN_KEY/);
    expect(() => cipher.open(sealed, 'T:T2')).toThrow(/integrity check/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => cipher.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'T:T1')).toThrow(TokenCipherError);
  });

  it('needs a 32-byte key', () => {
    expect(() => new TokenCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
