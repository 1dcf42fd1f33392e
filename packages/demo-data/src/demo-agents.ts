/**
 * The fictional org behind the demo: agents with their tags, model mix, volume and working rhythm. Figures are
 * chosen so a month lands in the low thousands of dollars, spread unevenly over five cost centers.
 */
export interface DemoAgent {
  agentId: string;
  /** Missing tags make untagged (unattributed) spend, as real traffic has. */
  tags: { costCenter?: string; project?: string; team?: string };
  models: readonly { item: string; weight: number }[];
  /** Traces on a typical weekday. */
  tracesPerWeekday: number;
  /** Share of the weekday volume on Saturdays and Sundays (customer-facing agents keep working). */
  weekendFactor: number;
  inputTokens: number;
  outputTokens: number;
  /** Share of input read from the prompt cache (agents with long fixed system prompts). */
  cacheReadShare?: number;
  /** Runs at a fixed time of day (nightly jobs) instead of spread over working hours. */
  fixedSecondOfDay?: number;
}

export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    agentId: 'support-triage',
    tags: { costCenter: 'customer-success', project: 'helpdesk', team: 'support' },
    models: [
      { item: 'claude-haiku-4-5', weight: 0.8 },
      { item: 'gpt-4o-mini', weight: 0.2 },
    ],
    tracesPerWeekday: 70,
    weekendFactor: 0.7,
    inputTokens: 6_000,
    outputTokens: 500,
    cacheReadShare: 0.5,
  },
  {
    agentId: 'support-reply-drafter',
    tags: { costCenter: 'customer-success', project: 'helpdesk', team: 'support' },
    models: [{ item: 'claude-sonnet-4-6', weight: 1 }],
    tracesPerWeekday: 40,
    weekendFactor: 0.6,
    inputTokens: 9_000,
    outputTokens: 900,
    cacheReadShare: 0.4,
  },
  {
    agentId: 'code-review-bot',
    tags: { costCenter: 'engineering', project: 'platform', team: 'devex' },
    models: [
      { item: 'claude-sonnet-4-6', weight: 0.7 },
      { item: 'gpt-4.1', weight: 0.3 },
    ],
    tracesPerWeekday: 60,
    weekendFactor: 0.1,
    inputTokens: 60_000,
    outputTokens: 3_000,
  },
  {
    agentId: 'test-writer',
    tags: { costCenter: 'engineering', project: 'platform', team: 'devex' },
    models: [{ item: 'gpt-4.1-mini', weight: 1 }],
    tracesPerWeekday: 30,
    weekendFactor: 0.1,
    inputTokens: 12_000,
    outputTokens: 3_000,
  },
  {
    agentId: 'nightly-regression',
    tags: { costCenter: 'engineering', project: 'platform', team: 'sre' },
    models: [{ item: 'o3', weight: 1 }],
    tracesPerWeekday: 4,
    weekendFactor: 1,
    inputTokens: 40_000,
    outputTokens: 6_000,
    fixedSecondOfDay: 10,
  },
  {
    agentId: 'sales-email-writer',
    tags: { costCenter: 'revenue', project: 'outbound', team: 'sales' },
    models: [{ item: 'gpt-4o', weight: 1 }],
    tracesPerWeekday: 35,
    weekendFactor: 0.05,
    inputTokens: 4_000,
    outputTokens: 800,
  },
  {
    agentId: 'lead-scorer',
    tags: { costCenter: 'revenue', project: 'outbound', team: 'sales-ops' },
    models: [{ item: 'gemini-2.5-flash', weight: 1 }],
    tracesPerWeekday: 60,
    weekendFactor: 0.3,
    inputTokens: 3_000,
    outputTokens: 300,
  },
  {
    agentId: 'q-close-analyst',
    tags: { costCenter: 'finance', project: 'q-close', team: 'data-analytics' },
    models: [
      { item: 'claude-sonnet-4-6', weight: 0.6 },
      { item: 'gemini-2.5-pro', weight: 0.4 },
    ],
    tracesPerWeekday: 15,
    weekendFactor: 0.05,
    inputTokens: 40_000,
    outputTokens: 3_000,
  },
  {
    agentId: 'research-agent',
    tags: { costCenter: 'research', project: 'llm-evals', team: 'applied-ml' },
    models: [
      { item: 'gpt-5', weight: 0.5 },
      { item: 'claude-opus-4-5', weight: 0.4 },
      // A self-hosted model without a price: stored at cost 0 and listed as unpriced in reports.
      { item: 'in-house-llm', weight: 0.1 },
    ],
    tracesPerWeekday: 20,
    weekendFactor: 0.4,
    inputTokens: 50_000,
    outputTokens: 6_000,
  },
  {
    agentId: 'adhoc-notebook',
    tags: {},
    models: [
      { item: 'gpt-4o-mini', weight: 0.5 },
      { item: 'mistral-small-latest', weight: 0.2 },
      { item: 'claude-sonnet-4-6', weight: 0.3 },
    ],
    tracesPerWeekday: 25,
    weekendFactor: 0.2,
    inputTokens: 8_000,
    outputTokens: 1_200,
  },
  {
    agentId: 'legacy-summariser',
    tags: { team: 'data-platform' },
    models: [{ item: 'gpt-4.1', weight: 1 }],
    tracesPerWeekday: 12,
    weekendFactor: 0.5,
    inputTokens: 10_000,
    outputTokens: 1_000,
  },
];

/** The agent whose runaway loop makes the spike day. */
export const SPIKE_AGENT_ID = 'research-agent';
/** How many times its usual volume it runs on the spike day. */
export const SPIKE_MULTIPLIER = 12;
