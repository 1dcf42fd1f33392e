import { z } from 'zod';

/**
 * `METRICS_TOKEN` for either service's config. Compose passes an unset variable as '', which means "no token"
 * (loopback scrapes only), not a too-short one.
 */
export const metricsTokenSchema = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .min(32, 'must be at least 32 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent in an Authorization header)')
    .optional(),
);
