import {
  AnomalyDetectionRunSchema,
  AnomalyFeedbackSchema,
  IdParamsSchema,
  SpendAnomaliesQuerySchema,
  SpendAnomalyListSchema,
  SpendAnomalySchema,
} from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { anomaliesHandlers } from './anomalies.handlers';
import type { AnomalyDetectionService } from './anomaly-detection.service';
import type { AnomaliesService } from './anomalies.service';

export function anomaliesRoutes(service: AnomaliesService, detection: AnomalyDetectionService): Endpoint[] {
  const handlers = anomaliesHandlers(service, detection);
  const common = { tag: 'Anomalies' } as const;
  const notFound = { 404: problemResponse('No such anomaly in this org') };
  return [
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/anomalies',
      summary: 'Spend anomalies, newest first',
      description: 'Anomalies of the org total and of each agent, model, team, project and cost center, as the hourly detection left them.',
      request: { query: SpendAnomaliesQuerySchema },
      responses: { 200: { description: 'Anomalies', ...jsonContent(SpendAnomalyListSchema) } },
      handler: handlers.list,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'post',
      path: '/cost/anomalies/detect',
      summary: 'Run anomaly detection for the org now',
      description: 'What the hourly job does, on demand: new anomalies and state changes send their webhooks.',
      responses: { 200: { description: 'What the run did, and which series the forecaster could not judge', ...jsonContent(AnomalyDetectionRunSchema) } },
      handler: handlers.detect,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/cost/anomalies/{id}',
      summary: 'One anomaly, with the drivers of its excess',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The anomaly', ...jsonContent(SpendAnomalySchema) }, ...notFound },
      handler: handlers.get,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'post',
      path: '/cost/anomalies/{id}/feedback',
      summary: 'Say whether the anomaly was expected, unexpected or planned',
      description: 'After `planned` or `expected`, the anomaly sends no more events, however later runs grow it.',
      request: { params: IdParamsSchema, body: AnomalyFeedbackSchema },
      responses: { 200: { description: 'The anomaly with its feedback', ...jsonContent(SpendAnomalySchema) }, ...notFound },
      handler: handlers.feedback,
    }),
  ];
}
