import { periodContaining } from '../../calendar/calendar-period';
import { mapBounded } from '../../concurrency/map-bounded';
import type { SpendTotals } from '../spend/spend-totals';
import { remainingUsd } from './budget-alert-level';
import type { BudgetGaugesRepository, CapForGauges } from './budget-gauges.repository';

/** Orgs whose spend is read at once: a scrape takes a few of the pool's connections, never all of them. */
const MAX_PARALLEL_ORGS = 2;

export interface CapGauge extends CapForGauges {
  /** What is left in the current period, as budget status reports it (0 past the cap). */
  remainingUsd: string;
}

/**
 * Where every cap stands now, for a scrape: the same spend figure as budget status (one query per org, period and
 * dimension), read only: nothing is evaluated or recorded here.
 */
export class BudgetGauges {
  constructor(
    private readonly repository: BudgetGaugesRepository,
    private readonly spend: SpendTotals,
    private readonly now: () => Date,
  ) {}

  async read(): Promise<CapGauge[]> {
    const at = this.now();
    const caps = await this.repository.caps();
    const byOrg = new Map<string, CapForGauges[]>();
    for (const cap of caps) byOrg.set(cap.orgId, [...(byOrg.get(cap.orgId) ?? []), cap]);
    const measured = await mapBounded([...byOrg], MAX_PARALLEL_ORGS, async ([orgId, orgCaps]) => {
        const spent = await this.spend.spentFor(
          orgId,
          orgCaps.map((cap) => ({ dimension: cap.dimension, value: cap.value, period: periodContaining(cap.periodType, cap.timezone, at) })),
        );
        return orgCaps.map((cap, index) => ({ ...cap, remainingUsd: remainingUsd(spent[index]!, cap.limitUsd) }));
    });
    return measured.flat();
  }
}
