import type { AnomalyVerdict, SpendAnomaliesQuery } from '@finops/contracts';
import { NotFoundError } from '../../errors';
import type { StoredAnomaly } from './anomaly';
import type { AnomaliesRepository } from './anomalies.repository';

/** Reading anomalies and recording what people made of them. */
export class AnomaliesService {
  constructor(
    private readonly repository: AnomaliesRepository,
    private readonly now: () => Date,
  ) {}

  list(orgId: string, query: SpendAnomaliesQuery): Promise<StoredAnomaly[]> {
    return this.repository.list(orgId, query);
  }

  async get(orgId: string, id: string): Promise<StoredAnomaly> {
    const anomaly = await this.repository.get(orgId, id);
    if (!anomaly) throw new NotFoundError('The anomaly');
    return anomaly;
  }

  /** The verdict replaces any earlier one; later runs that grow the anomaly keep it (detection never writes feedback). */
  async giveFeedback(orgId: string, id: string, verdict: AnomalyVerdict): Promise<StoredAnomaly> {
    const anomaly = await this.repository.setFeedback(orgId, id, verdict, this.now());
    if (!anomaly) throw new NotFoundError('The anomaly');
    return anomaly;
  }
}
