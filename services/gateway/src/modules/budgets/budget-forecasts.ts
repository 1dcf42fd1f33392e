import type { ForecastCapsSource } from '../forecast/forecast-scope.resolver';
import type { ForecastScope } from '../forecast/forecast-scope';
import type { ForecastService } from '../forecast/forecast.service';
import type { BudgetCap, BudgetForecast, EvaluatedBudget } from './budget';
import { periodContaining, type CalendarPeriod } from '../../calendar/calendar-period';
import type { BudgetsRepository } from './budgets.repository';

function scopeOf(cap: BudgetCap, period: CalendarPeriod, caps: BudgetCap[], budgetId: string | null): ForecastScope {
  return {
    dimension: cap.dimension,
    value: cap.value,
    budgetId,
    filters: cap.dimension === 'org' || cap.value === null ? {} : { [cap.dimension]: cap.value },
    periodStart: period.start,
    periodEnd: period.end,
    caps: caps.map((member) => ({ id: member.id, name: member.name, limitUsd: member.limitUsd })),
  };
}

/** Budget caps seen by the forecast: as caps to assess in a forecast's scope, and as scopes of their own. */
export class BudgetForecasts implements ForecastCapsSource {
  constructor(
    private readonly repository: BudgetsRepository,
    private readonly forecasts: ForecastService,
  ) {}

  /** Only UTC monthly caps share the endpoint's UTC calendar month; others are forecast by their own id. */
  async monthlyCapsFor(orgId: string, dimension: ForecastScope['dimension'], value: string | null) {
    const caps = await this.repository.list(orgId);
    return caps
      .filter((cap) => cap.periodType === 'monthly' && cap.timezone === 'UTC' && cap.dimension === dimension && cap.value === value)
      .map((cap) => ({ id: cap.id, name: cap.name, limitUsd: cap.limitUsd }));
  }

  async scopeOfCap(orgId: string, budgetId: string, at: Date): Promise<ForecastScope | undefined> {
    const cap = await this.repository.find(orgId, budgetId);
    return cap ? scopeOf(cap, periodContaining(cap.periodType, cap.timezone, at), [cap], cap.id) : undefined;
  }

  /**
   * Forecasts for the monthly caps of a status call. Caps on the same scope and period share one forecast (one
   * forecaster call assesses all their limits); the forecasts run with bounded parallelism, reusing the spend the
   * status already summed.
   */
  async forMonthlyCaps(orgId: string, budgets: readonly EvaluatedBudget[]): Promise<Map<string, BudgetForecast>> {
    const groups = new Map<string, EvaluatedBudget[]>();
    for (const budget of budgets) {
      if (budget.cap.periodType !== 'monthly') continue;
      const key = JSON.stringify([budget.cap.dimension, budget.cap.value, budget.period.start.toISOString(), budget.period.end.toISOString()]);
      groups.set(key, [...(groups.get(key) ?? []), budget]);
    }
    const members = [...groups.values()];
    const forecasts = await this.forecasts.forecastMany(
      orgId,
      members.map((group) => scopeOf(group[0]!.cap, group[0]!.period, group.map((budget) => budget.cap), null)),
      { includeSeries: false, spentToDateUsd: members.map((group) => group[0]!.spentUsd) },
    );
    const byCap = new Map<string, BudgetForecast>();
    forecasts.forEach((forecast) => {
      for (const cap of forecast.caps) {
        byCap.set(cap.id, { projectedUsd: forecast.projectedUsd, breachProbability: cap.breachProbability, degraded: forecast.degraded });
      }
    });
    return byCap;
  }
}
