import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'fok_';
const SECRET_BYTES = 32;
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8;
const KEY_PATTERN = /^fok_[A-Za-z0-9_-]{43}$/;

export interface NewApiKeySecret {
  key: string;
  keyHash: string;
  prefix: string;
}

/** A new key: 256 random bits, shown once; only its SHA-256 and a short display prefix are stored. */
export function generateApiKeySecret(): NewApiKeySecret {
  const key = `${KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function isWellFormedApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
