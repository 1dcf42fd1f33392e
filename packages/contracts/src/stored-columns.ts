/**
 * The database columns that store numbers a client sends, and their limits. Every numeric input schema derives its
 * range and scale from here, and an integration test compares each entry with the columns in information_schema, so
 * a value the validator accepts always fits its column and the two cannot drift apart.
 */
export interface IntegerColumns {
  kind: 'integer';
  max: number;
  /** `table.column` of every column holding such a value. */
  columns: readonly string[];
}

export interface DecimalColumns {
  kind: 'numeric';
  precision: number;
  scale: number;
  columns: readonly string[];
}

const INT4_MAX = 2_147_483_647;

export const storedColumns = {
  /** Each token count of a trace and their total (int4: the hourly and daily rollups add them up in bigint). */
  traceTokens: {
    kind: 'integer',
    max: INT4_MAX,
    columns: [
      'execution_traces.input_tokens',
      'execution_traces.output_tokens',
      'execution_traces.cache_read_tokens',
      'execution_traces.cache_write_tokens',
      'execution_traces.unsplit_tokens',
      'execution_traces.total_tokens',
    ],
  },
  /** A trace's cost. */
  traceCostUsd: { kind: 'numeric', precision: 24, scale: 12, columns: ['execution_traces.cost_usd'] },
  /** Caps of budgets and guard policies (copied into alert events). */
  capLimitUsd: {
    kind: 'numeric',
    precision: 30,
    scale: 12,
    columns: ['budget_caps.limit_usd', 'guard_policies.limit_usd', 'budget_alert_events.limit_usd'],
  },
  /** What a guard check reserves and what a settle holds instead. */
  guardReservationUsd: {
    kind: 'numeric',
    precision: 30,
    scale: 12,
    columns: ['guard_reservations.estimate_usd', 'guard_reservations.held_usd', 'guard_reservations.settled_usd'],
  },
  /** Model prices in USD per 1M tokens. */
  usdPerMillionTokens: {
    kind: 'numeric',
    precision: 18,
    scale: 9,
    columns: [
      'model_prices.input_usd_per_mtok',
      'model_prices.output_usd_per_mtok',
      'model_prices.cache_read_usd_per_mtok',
      'model_prices.cache_write_usd_per_mtok',
    ],
  },
  /** Budget warn thresholds, fractions of the limit. */
  warnThreshold: {
    kind: 'numeric',
    precision: 7,
    scale: 6,
    columns: ['budget_caps.warn_at', 'budget_alert_states.warn_threshold', 'budget_alert_events.from_threshold', 'budget_alert_events.to_threshold'],
  },
  /**
   * Sums of trace costs: rollup rows, the spend of a budget period, guard counters. 26 integer digits, so no volume
   * of traces the gateway can take (each below 10^12 USD) makes one overflow.
   */
  spendTotalUsd: {
    kind: 'numeric',
    precision: 38,
    scale: 12,
    columns: [
      'cost_rollups_hourly.spend_usd',
      'cost_rollups_daily.spend_usd',
      'budget_alert_states.spent_usd',
      'budget_alert_events.spent_usd',
      'guard_counters.spent_usd',
      'guard_counters.reserved_usd',
      'guard_counter_deltas.spent_usd',
      'guard_counter_deltas.released_usd',
      'spend_anomalies.expected_usd',
      'spend_anomalies.actual_usd',
      'spend_anomalies.impact_usd',
    ],
  },
} as const satisfies Record<string, IntegerColumns | DecimalColumns>;

/** The largest amount a numeric(precision, scale) column holds, as a decimal string ("999.99" for numeric(5,2)). */
export function largestDecimal(column: Pick<DecimalColumns, 'precision' | 'scale'>): string {
  const integerDigits = column.precision - column.scale;
  return `${'9'.repeat(integerDigits)}${column.scale > 0 ? `.${'9'.repeat(column.scale)}` : ''}`;
}
