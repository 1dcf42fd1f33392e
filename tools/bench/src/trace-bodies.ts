const COST_CENTERS = ['finance', 'marketing', 'support', 'engineering', 'sales', null];
const PROJECTS = ['q2-reporting', 'chatbot', 'search', 'onboarding', null];
const TEAMS = ['data-analytics', 'platform', 'growth', 'cx', null];
const MODELS = ['claude-sonnet-4-6', 'gpt-4o-mini', 'gemini-2.5-flash', 'claude-haiku-4-5'];

/** The product docs' example body with varied tags, agents and models (some untagged). */
export function docsLikeTrace(i: number): Record<string, unknown> {
  return {
    agentId: `agt_${i % 40}`,
    input: 'Summarise Q2 revenue figures',
    output: '...',
    costCenter: COST_CENTERS[i % COST_CENTERS.length],
    project: PROJECTS[(i >> 1) % PROJECTS.length],
    team: TEAMS[(i >> 2) % TEAMS.length],
    tokensUsed: 1000 + ((i * 37) % 2000),
    modelId: MODELS[i % MODELS.length],
  };
}
