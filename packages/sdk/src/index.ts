export { FinOpsClient, DEFAULT_SHUTDOWN_TIMEOUT_MS, type FinOpsClientOptions, type ReportOptions } from './finops-client';
export { FinOpsApiError, FinOpsContractError, FinOpsNetworkError, GuardDeniedError, InvalidTraceError } from './errors';
export type { BatchOptions, BatcherStats, DropReason, DroppedTraces } from './ingest/trace-batcher';
export { DEFAULT_RETRY, type RetryOptions } from './ingest/retry-policy';
export type { BudgetedStep, BudgetedStepContext } from './guard/with-budget';
export type { Runtime } from './runtime';
