import { z } from './zod';

export const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
export const ReadinessSchema = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.enum(['ok', 'failing'])) })
  .openapi('Readiness');
export type Readiness = z.infer<typeof ReadinessSchema>;
