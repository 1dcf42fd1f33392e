import type { Logger } from 'pino';
import type { ForecasterClient } from '../../clients/forecaster-client';
import type { DbPool } from '../../db/pool';
import type { Endpoint } from '../../http/endpoint';
import { SpendRepository } from '../spend/spend.repository';
import { AnomalyDetectionJob } from './anomaly-detection.job';
import { AnomalyDetectionService, type AnomalyDetectionSettings } from './anomaly-detection.service';
import { AnomaliesRepository } from './anomalies.repository';
import { anomaliesRoutes } from './anomalies.routes';
import { AnomaliesService } from './anomalies.service';

export interface AnomaliesModuleDeps {
  pool: DbPool;
  logger: Logger;
  now: () => Date;
  forecaster: ForecasterClient;
  settings: AnomalyDetectionSettings;
  /** How often the job looks for orgs not yet run this hour. */
  jobIntervalMs: number;
  /** Called after a run queued webhook deliveries (wakes the delivery worker). */
  onDeliveriesQueued: () => void;
}

export interface AnomaliesModule {
  routes: Endpoint[];
  job: AnomalyDetectionJob;
}

/** Spend anomalies: detection (on demand and hourly), the stored anomalies and their feedback. */
export function createAnomaliesModule(deps: AnomaliesModuleDeps): AnomaliesModule {
  const repository = new AnomaliesRepository(deps.pool);
  const detection = new AnomalyDetectionService(
    repository,
    new SpendRepository(deps.pool),
    deps.forecaster,
    deps.settings,
    deps.now,
    deps.onDeliveriesQueued,
    deps.logger,
  );
  return {
    routes: anomaliesRoutes(new AnomaliesService(repository, deps.now), detection),
    job: new AnomalyDetectionJob(repository, detection, deps.now, deps.jobIntervalMs, deps.logger),
  };
}
