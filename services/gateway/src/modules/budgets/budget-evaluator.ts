import { randomUUID } from 'node:crypto';
import { mapBounded } from '../../concurrency/map-bounded';
import { toWebhookPayload, type BudgetCapWithState, type EvaluatedBudget } from './budget';
import { alertLevelOf, sameLevel } from './budget-alert-level';
import { periodContaining, samePeriod } from '../../calendar/calendar-period';
import type { SpendTotals } from '../spend/spend-totals';
import { decideTransition, type EvaluationTrigger, type SpendObservation } from './budget-transition';
import type { BudgetAlertsRepository, StateWrite } from './budget-alerts.repository';

/** State changes written at once by one evaluation (each is a short transaction on its own cap's row). */
const MAX_PARALLEL_TRANSITIONS = 4;

export interface BudgetEvaluation {
  asOf: Date;
  budgets: EvaluatedBudget[];
}

/**
 * Computes where each cap stands now and records any change of its alert state. The common case (nothing changed)
 * only reads: the caps with their stored state in one query, and their spend in one query per period and dimension.
 * Only caps whose level or period moved take a lock, and the change is decided again under it (decideTransition).
 */
export class BudgetEvaluator {
  constructor(
    private readonly alerts: BudgetAlertsRepository,
    private readonly spend: SpendTotals,
    private readonly now: () => Date,
    private readonly onDeliveriesQueued: () => void,
  ) {}

  async evaluate(orgId: string, trigger: EvaluationTrigger, capIds?: readonly string[]): Promise<BudgetEvaluation> {
    const asOf = this.now();
    const caps = await this.alerts.capsWithState(orgId, capIds);
    if (caps.length === 0) return { asOf, budgets: [] };
    const periods = caps.map(({ cap }) => periodContaining(cap.periodType, cap.timezone, asOf));
    const spent = await this.spend.spentFor(
      orgId,
      caps.map(({ cap }, index) => ({ dimension: cap.dimension, value: cap.value, period: periods[index]! })),
    );

    let deliveriesQueued = false;
    const budgets = await mapBounded(
      caps.map((entry, index) => ({ ...entry, observed: { period: periods[index]!, spentUsd: spent[index]!, at: asOf } })),
      MAX_PARALLEL_TRANSITIONS,
      async ({ cap, state, observed }): Promise<EvaluatedBudget> => {
        const level = alertLevelOf(observed.spentUsd, cap.limitUsd, cap.warnAt);
        let levelSince = state.since;
        if (!samePeriod(state.period, observed.period) || !sameLevel(state.level, level)) {
          const outcome = await this.alerts.changeState(orgId, cap.id, (locked) => toStateWrite(locked, observed, trigger));
          if (outcome) levelSince = outcome.state.since;
          deliveriesQueued ||= outcome?.deliveriesQueued ?? false;
        }
        return { cap, period: observed.period, spentUsd: observed.spentUsd, level, levelSince };
      },
    );
    if (deliveriesQueued) this.onDeliveriesQueued();
    return { asOf, budgets };
  }
}

function toStateWrite(locked: BudgetCapWithState, observed: SpendObservation, trigger: EvaluationTrigger): StateWrite | undefined {
  const change = decideTransition(locked, observed, trigger, randomUUID);
  if (!change) return undefined;
  if (!change.event) return { state: change.state };
  return { state: change.state, event: { record: change.event, webhookPayload: JSON.stringify(toWebhookPayload(change.event)) } };
}
