import type { OtlpAttributeMapping } from '@finops/contracts';
import type { AttributeMappingCache } from './attribute-mapping-cache';
import type { AttributeMappingsRepository } from './attribute-mappings.repository';

export class AttributeMappingsService {
  constructor(
    private readonly repository: AttributeMappingsRepository,
    private readonly cache: AttributeMappingCache,
  ) {}

  list(orgId: string): Promise<OtlpAttributeMapping[]> {
    return this.repository.list(orgId);
  }

  /** Replaces the whole set (an empty list removes every mapping); the next export of this process already uses it. */
  async replace(orgId: string, mappings: readonly OtlpAttributeMapping[]): Promise<OtlpAttributeMapping[]> {
    await this.repository.replace(orgId, mappings);
    this.cache.invalidate(orgId);
    return this.repository.list(orgId);
  }
}
