import { randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const DISPLAY_PREFIX_LENGTH = SECRET_PREFIX.length + 4;

/** A new signing secret: 256 random bits, shown once. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** Enough of the secret to recognise it in a list, too little to matter. */
export function secretDisplayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}
