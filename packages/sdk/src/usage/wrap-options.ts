import type { TraceIngest } from '@finops/contracts';
import { toUsageTrace, type CallDescription, type ModelUsage, type UsageTags } from './model-usage';

export interface WrapOptions {
  /** Where the traces go: a FinOpsClient (which names the reservation of an enclosing withBudget in them). */
  finops: { ingest(trace: TraceIngest): boolean };
  tags: UsageTags;
  /** Metering failed (never the call itself); default: a process warning. */
  onError?: (error: unknown) => void;
}

export function recorder(options: WrapOptions, provider: CallDescription['provider'], operation: string) {
  return {
    record: (usage: ModelUsage, streamed: boolean) => {
      options.finops.ingest(toUsageTrace(usage, options.tags, { provider, operation, streamed }));
    },
    onError: options.onError ?? ((error: unknown) => process.emitWarning(`@finops/sdk could not meter a ${provider} ${operation} call: ${String(error)}`)),
  };
}
