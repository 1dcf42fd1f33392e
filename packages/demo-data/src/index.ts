export { DEMO_AGENTS, SPIKE_AGENT_ID, type DemoAgent } from './demo-agents';
export { DEMO_DEFAULTS, demoTracesForDay, generateDemoTraces, isSpikeDay, isoDay, type DemoDatasetOptions, type DemoTrace } from './demo-dataset';
export { DEMO_BUDGETS, demoBudgetLimitUsd, type DemoBudget } from './demo-budgets';
export { loadDemoData, type DemoLoadOptions, type DemoLoadSummary } from './demo-loader';
