import type { DashboardBudgetStatus } from '../api/api-types';
import { h, show } from '../dom';
import { toBudgetBars, type BudgetBar } from '../model/budget-bars';
import { formatDay, formatPercent, formatUsd } from '../model/format';
import { doneLoading } from './states';

/** The legend of the dotted marker: what it is, and where it really is when the bar is too short for it. */
function projectionLabel(bar: BudgetBar, projectedUsd: string, lastDay: string): HTMLElement {
  const beyond = bar.projectedBeyond && bar.projectedRatio !== null ? ` — beyond the bar, ${formatPercent(bar.projectedRatio)} of the limit` : '';
  return h(
    'span',
    { class: 'budget-projection' },
    h('span', { class: `legend-projected${bar.projectedBeyond ? ' legend-projected-beyond' : ''}`, 'aria-hidden': 'true' }),
    `projected ${formatUsd(projectedUsd)} by ${formatDay(lastDay)}${beyond}`,
  );
}

function budgetCard(bar: BudgetBar): HTMLElement {
  const headingId = `budget-${bar.id}`;
  const lastDay = new Date(Date.parse(bar.periodEnd) - 1).toISOString().slice(0, 10);
  const probability = bar.probabilityCaveat ?? (bar.breachProbability === null ? null : formatPercent(bar.breachProbability));
  const chance = probability === null ? null : h('span', { class: 'budget-chance' }, `chance of passing the limit: ${probability}`);
  return h(
    'li',
    { class: `budget state-${bar.state}`, 'data-state': bar.state },
    h('div', { class: 'budget-head' }, h('h3', { id: headingId }, bar.title), h('span', { class: `badge badge-${bar.state}` }, bar.stateLabel)),
    h('p', { class: 'budget-scope' }, `${bar.scope} · ${formatDay(bar.periodStart.slice(0, 10))} – ${formatDay(lastDay)}`),
    h(
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-labelledby': headingId,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(bar.fillPercent),
        'aria-valuetext': `${formatPercent(bar.utilization)} of the limit spent, ${bar.stateLabel}`,
      },
      h('div', { class: `meter-fill fill-${bar.state}`, style: `width: ${bar.fillPercent.toFixed(2)}%` }),
      ...bar.thresholdPercents.map((percent) => h('span', { class: 'meter-mark', style: `left: ${percent.toFixed(2)}%`, title: `warn at ${formatPercent(percent / 100)}` })),
      bar.projectedPercent !== null
        ? h('span', { class: `meter-projected${bar.projectedBeyond ? ' meter-projected-beyond' : ''}`, style: `left: ${bar.projectedPercent.toFixed(2)}%`, 'aria-hidden': 'true' })
        : null,
    ),
    h('p', { class: 'budget-figures' }, h('strong', {}, formatUsd(bar.spentUsd)), ` of ${formatUsd(bar.limitUsd)} (${formatPercent(bar.utilization)})`),
    bar.projectedUsd !== null || chance !== null
      ? h('p', { class: 'budget-forecast' }, bar.projectedUsd !== null ? projectionLabel(bar, bar.projectedUsd, lastDay) : null, bar.projectedUsd !== null && chance !== null ? ' · ' : null, chance)
      : null,
  );
}

/** Each cap's spend against its limit, coloured (and labelled) by its alert state, most urgent first. */
export function renderBudgets(container: HTMLElement, budgets: readonly DashboardBudgetStatus[], origin: string, historyDays: number | null): void {
  doneLoading(container);
  if (budgets.length === 0) {
    show(
      container,
      h(
        'div',
        { class: 'state state-empty' },
        h('p', {}, h('strong', {}, 'No budget caps yet.'), ' Create one, and its spend against the limit shows here:'),
        h(
          'pre',
          { class: 'code', tabindex: 0, 'aria-label': 'Command to create a budget cap' },
          h('code', {}, `curl -X POST ${origin}/api/v1/cost/budgets \\\n  -H "Authorization: Bearer $FINOPS_API_KEY" -H "Content-Type: application/json" \\\n  -d '{"dimension":"costCenter","value":"finance","limitUsd":500,"periodType":"monthly"}'`),
        ),
      ),
    );
    return;
  }
  show(container, h('ul', { class: 'budget-list' }, ...toBudgetBars(budgets, historyDays).map(budgetCard)));
}
