import type { AnomalyFeedbackSchema, IdParamsSchema, SpendAnomaliesQuerySchema, SpendAnomalyList } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import { toApiAnomaly } from './anomaly';
import type { AnomalyDetectionService } from './anomaly-detection.service';
import type { AnomaliesService } from './anomalies.service';

export function anomaliesHandlers(service: AnomaliesService, detection: AnomalyDetectionService) {
  const list: ValidatedHandler<{ query: typeof SpendAnomaliesQuerySchema }> = async (req, res) => {
    const anomalies = await service.list(principalOf(req).orgId, req.query);
    res.json({ anomalies: anomalies.map(toApiAnomaly) } satisfies SpendAnomalyList);
  };
  const get: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    res.json(toApiAnomaly(await service.get(principalOf(req).orgId, req.params.id)));
  };
  const feedback: ValidatedHandler<{ params: typeof IdParamsSchema; body: typeof AnomalyFeedbackSchema }> = async (req, res) => {
    res.json(toApiAnomaly(await service.giveFeedback(principalOf(req).orgId, req.params.id, req.body.verdict)));
  };
  const detect: ValidatedHandler<object> = async (req, res) => {
    res.json(await detection.detect(principalOf(req).orgId));
  };
  return { list, get, feedback, detect };
}
