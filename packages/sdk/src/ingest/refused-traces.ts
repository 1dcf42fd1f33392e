import { FinOpsApiError } from '../errors';

const ITEM_PARAM = /^traces\[(\d+)\]/;

/**
 * The items of a refused batch that the gateway named (`invalid_params` such as `traces[3].occurredAt` in a 400, or
 * `traces[1].idempotencyKey` in a 409), or undefined when it named none: the batch is all or nothing, so the others
 * were refused only for being in its company and can be sent again.
 */
export function refusedItems(error: unknown, batchSize: number): Set<number> | undefined {
  if (!(error instanceof FinOpsApiError) || error.status >= 500) return undefined;
  const indexes = (error.problem.invalid_params ?? [])
    .map((param) => ITEM_PARAM.exec(param.name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .filter((index) => index < batchSize);
  return indexes.length > 0 ? new Set(indexes) : undefined;
}
