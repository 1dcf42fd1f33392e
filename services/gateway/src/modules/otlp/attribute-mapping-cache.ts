import { isDatabaseUnavailable } from '../../db/db-errors';
import { ServiceUnavailableError } from '../../errors';
import type { AttributeMappingsRepository } from './attribute-mappings.repository';
import type { DimensionMappings } from './genai-span-mapping';

interface Cached {
  value: Promise<DimensionMappings>;
  expiresAt: number;
}

/**
 * Each org's mappings for the OTLP hot path, read once per TTL rather than once per export. A change made through
 * this process is visible at once (the write invalidates); other replicas see it within the TTL.
 */
export class AttributeMappingCache {
  private readonly byOrg = new Map<string, Cached>();

  constructor(
    private readonly repository: AttributeMappingsRepository,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  forOrg(orgId: string): Promise<DimensionMappings> {
    let cached = this.byOrg.get(orgId);
    if (!cached || cached.expiresAt <= this.now()) {
      const value = this.repository.list(orgId).then(
        (mappings) => new Map(mappings.map((mapping) => [mapping.dimension, mapping.attribute])),
        (error: unknown) => {
          // A failed read is not cached, and the exporter is told to retry (OTLP retries 503, not 500).
          this.byOrg.delete(orgId);
          throw isDatabaseUnavailable(error) ? new ServiceUnavailableError('The attribute mappings could not be read right now; nothing was stored, retry the export') : error;
        },
      );
      cached = { value, expiresAt: this.now() + this.ttlMs };
      this.byOrg.set(orgId, cached);
    }
    return cached.value;
  }

  invalidate(orgId: string): void {
    this.byOrg.delete(orgId);
  }
}
