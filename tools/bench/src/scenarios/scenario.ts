import type { BenchStack } from '../stack';

export interface BenchPlan {
  quick: boolean;
  warmupSeconds: number;
  runSeconds: number;
  runs: number;
}

/** One line of the results table: a measured figure next to its limit from the same run. */
export interface BenchResult {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  limit?: { label: string; value: number };
  /** value / limit.value for throughput, limit.value / value for latency: higher is better. */
  ratio?: number;
  goal?: string;
  met?: boolean;
  details?: Record<string, unknown>;
}

export type Scenario = (stack: BenchStack, plan: BenchPlan, log: (line: string) => void) => Promise<BenchResult[]>;

/** A scenario that measures a library in this process and needs no running system. */
export type LibraryScenario = (plan: BenchPlan, log: (line: string) => void) => Promise<BenchResult[]>;
