import { limits, type TraceBatchIngestResult, type TraceBatchIngestSchema, type TraceIngestSchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { sumUsd } from '@finops/pricing';
import type { Request } from 'express';
import { InvalidFieldError } from '../../errors';
import { principalOf } from '../auth/principal';
import type { TracesService } from './traces.service';

function idempotencyKeyHeader(req: Pick<Request, 'get'>): string | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > limits.idempotencyKeyMaxLength) {
    throw new InvalidFieldError('Idempotency-Key', `must be 1 to ${limits.idempotencyKeyMaxLength} characters`, 'header');
  }
  return key;
}

/** `now` is the gateway's clock: it dates traces sent without `occurredAt` and bounds how far ahead one may be. */
export function tracesHandlers(service: TracesService, now: () => Date) {
  const ingest: ValidatedHandler<{ body: typeof TraceIngestSchema }> = async (req, res) => {
    const receivedAt = now();
    const { result, replayed } = await service.ingest(principalOf(req).orgId, req.body, idempotencyKeyHeader(req), receivedAt);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).json(result);
  };

  const ingestBatch: ValidatedHandler<{ body: typeof TraceBatchIngestSchema }> = async (req, res) => {
    const receivedAt = now();
    const { results, replayed } = await service.ingestBatch(principalOf(req).orgId, req.body, idempotencyKeyHeader(req), receivedAt);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    const body: TraceBatchIngestResult = { count: results.length, totalCostUsd: sumUsd(results.map((r) => r.costUsd)), traces: results };
    res.status(201).json(body);
  };

  return { ingest, ingestBatch };
}
