import { TraceIngestSchema } from '@finops/contracts';
import { HttpProblem } from '@finops/http-kit';
import { IdempotencyConflictError, InvalidFieldError, ServiceUnavailableError, UnstorableRequestError } from '../../errors';
import type { TracesService } from '../traces/traces.service';
import type { AttributeMappingCache } from './attribute-mapping-cache';
import { mapExport, type MappedSpan, type ReasonCounts } from './genai-span-mapping';
import type { OtlpSpan } from './otlp-spans';

export interface ExportOutcome {
  acceptedSpans: number;
  rejectedSpans: number;
  rejected: ReasonCounts;
  warnings: ReasonCounts;
}

const add = (counts: ReasonCounts, reason: string) => counts.set(reason, (counts.get(reason) ?? 0) + 1);

function rejectionReason(error: unknown): string | undefined {
  if (error instanceof IdempotencyConflictError) return 'span id already stored with different GenAI attributes';
  if (error instanceof UnstorableRequestError) return 'span the database refused to store';
  if (error instanceof InvalidFieldError && error.invalidParams?.[0]?.name === 'occurredAt') return 'span starting more than 5 minutes in the future';
  return undefined;
}

/**
 * Stores the inference spans of an export through the same path as single trace ingest (validation, pricing,
 * group commit, idempotency), one trace per span; what cannot be stored is rejected span by span, never the whole
 * export, except when the database is down (503: the exporter retries, and idempotency makes that safe).
 */
export class OtlpService {
  private spansInFlight = 0;

  constructor(
    private readonly traces: TracesService,
    private readonly mappings: AttributeMappingCache,
    private readonly maxSpansInFlight: number,
  ) {}

  async export(orgId: string, spans: readonly OtlpSpan[], receivedAt: Date): Promise<ExportOutcome> {
    const { traces, rejected, warnings } = mapExport(spans, await this.mappings.forOrg(orgId));
    const valid: MappedSpan[] = [];
    for (const mapped of traces) {
      const parsed = TraceIngestSchema.safeParse(mapped.trace);
      if (parsed.success) valid.push({ ...mapped, trace: parsed.data });
      else add(rejected, `span whose ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')} ${parsed.error.issues[0]!.message}`);
    }
    if (this.spansInFlight > 0 && this.spansInFlight + valid.length > this.maxSpansInFlight) {
      throw new HttpProblem('tooManyRequests', `More than ${this.maxSpansInFlight} spans are being stored; retry this export later`, undefined, { 'Retry-After': '1' });
    }
    this.spansInFlight += valid.length;
    try {
      const outcomes = await Promise.allSettled(valid.map((mapped) => this.traces.ingest(orgId, mapped.trace, mapped.idempotencyKey, receivedAt)));
      let accepted = 0;
      let unavailable: unknown;
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') {
          accepted += 1;
          continue;
        }
        const reason = rejectionReason(outcome.reason);
        if (reason !== undefined) add(rejected, reason);
        else if (outcome.reason instanceof ServiceUnavailableError) unavailable = outcome.reason;
        else throw outcome.reason;
      }
      if (unavailable) throw unavailable;
      const rejectedSpans = [...rejected.values()].reduce((sum, n) => sum + n, 0);
      return { acceptedSpans: accepted, rejectedSpans, rejected, warnings };
    } finally {
      this.spansInFlight -= valid.length;
    }
  }
}
