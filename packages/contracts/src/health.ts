import { z } from './zod';

export const ReadinessSchema = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.enum(['ok', 'failing'])) })
  .openapi('Readiness');
export type Readiness = z.infer<typeof ReadinessSchema>;
