/**
 * Workspace tokens at rest: AES-256-GCM with node:crypto, the key from SLACK_TOKEN_KEY (32 bytes,
 * base64). A database dump or backup then holds no usable token without the key, which lives
 * only in the instances' environment.
 *
 * Each sealed value is `v1.<key id>.<iv>.<ciphertext+tag>` (base64url parts): a fresh 12-byte IV
 * per value, GCM's 16-byte tag (any change to the ciphertext fails to open), and the row's own
 * key (the workspace) as additional data, so a sealed installation copied onto another
 * workspace's row does not open either. The key id (the first bytes of SHA-256 of the key) lets a
 * wrong SLACK_TOKEN_KEY be reported as such instead of as corruption.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

export class TokenCipher {
  private readonly key: Buffer;
  /** Names the key without revealing it: 8 hex digits of its SHA-256. */
  readonly keyId: string;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new TokenCipherError('SLACK_TOKEN_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
    this.key = key;
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(plaintext: string, associated: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associated, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The plaintext; TokenCipherError when the value was sealed with another key, for another row, or altered. */
  open(sealed: string, associated: string): string {
    const [version, keyId, ivText, bodyText] = sealed.split('.');
    if (version !== VERSION || !keyId || !ivText || !bodyText) throw new TokenCipherError('the stored installation is not in a format this bot reads');
    if (keyId !== this.keyId) throw new TokenCipherError(`the stored installation was encrypted with another SLACK_TOKEN_KEY (key id ${keyId}, this instance has ${this.keyId})`);
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new TokenCipherError('the stored installation is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associated, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCipherError('the stored installation failed its integrity check (altered, or moved from another workspace)');
    }
  }
}
