import type { Prisma } from '../../db/prisma';
import type { Endpoint } from '../../http/endpoint';
import type { TracesService } from '../traces/traces.service';
import { AttributeMappingCache } from './attribute-mapping-cache';
import { AttributeMappingsRepository } from './attribute-mappings.repository';
import { attributeMappingsRoutes } from './attribute-mappings.routes';
import { AttributeMappingsService } from './attribute-mappings.service';
import { otlpRoutes } from './otlp.routes';
import { OtlpService } from './otlp.service';

export interface OtlpModuleDeps {
  prisma: Prisma;
  traces: TracesService;
  now: () => Date;
  batchBodyLimitBytes: number;
  maxSpansInFlight: number;
  mappingCacheTtlMs: number;
}

export interface OtlpModule {
  /** POST /v1/traces, below the server root where exporters send. */
  exportEndpoints: Endpoint[];
  /** The org's attribute mappings, below /api/v1. */
  mappingEndpoints: Endpoint[];
}

export function createOtlpModule(deps: OtlpModuleDeps): OtlpModule {
  const repository = new AttributeMappingsRepository(deps.prisma);
  const cache = new AttributeMappingCache(repository, deps.mappingCacheTtlMs);
  return {
    exportEndpoints: otlpRoutes(new OtlpService(deps.traces, cache, deps.maxSpansInFlight), deps, deps.now),
    mappingEndpoints: attributeMappingsRoutes(new AttributeMappingsService(repository, cache)),
  };
}
