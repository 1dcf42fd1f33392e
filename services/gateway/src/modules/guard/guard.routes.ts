import {
  CreateGuardPolicySchema,
  GuardCheckResultSchema,
  GuardCheckSchema,
  GuardPolicyListSchema,
  GuardPolicySchema,
  GuardReservationSchema,
  GuardSettleSchema,
  IdParamsSchema,
  UpdateGuardPolicySchema,
} from '@finops/contracts';
import { jsonBody } from '@finops/http-kit';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { jsonContent, problemResponse } from '../openapi/openapi-registry';
import { guardHandlers, type GuardServices } from './guard.handlers';

/**
 * Mounted right behind ingest, before the other routers: a check sits in every agent step, so it should not walk past
 * every other route first. Bodies are parsed per route for the same reason.
 */
export function guardRoutes(services: GuardServices, bodyLimitBytes: number): Endpoint[] {
  const handlers = guardHandlers(services);
  const json = [jsonBody(bodyLimitBytes)];
  const common = { tag: 'Guard' } as const;
  const notFound = { 404: problemResponse('No such guard policy in this org') };
  return [
    endpoint({
      ...common,
      access: 'ingest',
      keyBudget: 'guard',
      method: 'post',
      path: '/guard/check',
      summary: 'May this agent spend this much now? Reserves the estimate when allowed',
      description:
        'Always 200 with `decision` (`allow` or `deny`): a deny is an answer, not an error. Every policy that applies ' +
        '(the org’s and the agent’s) must have the estimate left; the most restrictive decides and a deny names it. ' +
        'An allowed check holds the estimate until the trace naming `reservationId` arrives, /guard/settle replaces ' +
        'it, or the lease ends. When the database does not answer within the check timeout (250 ms by default), the ' +
        'policies’ fail mode answers with `reason: guard_unavailable`.',
      request: { body: GuardCheckSchema },
      responses: {
        200: { description: 'The decision', ...jsonContent(GuardCheckResultSchema) },
        400: problemResponse('Invalid request, or `modelId` has no price to estimate the tokens with'),
      },
      before: json,
      handler: handlers.check,
    }),
    endpoint({
      ...common,
      access: 'ingest',
      keyBudget: 'guard',
      method: 'post',
      path: '/guard/settle',
      summary: 'Replace a reservation’s hold with the actual cost, or release it',
      description:
        'Without `actualCostUsd` (or with 0) the hold is released. With a cost, the hold becomes that cost until the ' +
        'trace naming the reservation arrives (spend counts when it is ingested). The same settle again changes nothing.',
      request: { body: GuardSettleSchema },
      responses: {
        200: { description: 'The reservation after the settle', ...jsonContent(GuardReservationSchema) },
        404: problemResponse('No such reservation in this org'),
        409: problemResponse('The lease ended, or the reservation was already settled with another amount'),
      },
      before: json,
      handler: handlers.settle,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'post',
      path: '/guard/policies',
      summary: 'Create a guard policy (a spend cap per calendar period, enforced at check time)',
      description: 'One policy per scope, agent and period type: a second one is 409 (change the first with PATCH).',
      request: { body: CreateGuardPolicySchema },
      responses: {
        201: { description: 'Created', ...jsonContent(GuardPolicySchema) },
        409: problemResponse('The org already has a policy for this scope, agent and period type'),
      },
      before: json,
      handler: handlers.create,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/guard/policies',
      summary: 'List the org’s guard policies',
      responses: { 200: { description: 'Policies', ...jsonContent(GuardPolicyListSchema) } },
      handler: handlers.list,
    }),
    endpoint({
      ...common,
      access: 'read',
      method: 'get',
      path: '/guard/policies/{id}',
      summary: 'One guard policy',
      request: { params: IdParamsSchema },
      responses: { 200: { description: 'The policy', ...jsonContent(GuardPolicySchema) }, ...notFound },
      handler: handlers.get,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'patch',
      path: '/guard/policies/{id}',
      summary: 'Change a policy’s limit, fail mode or name; the next check applies it',
      request: { params: IdParamsSchema, body: UpdateGuardPolicySchema },
      responses: { 200: { description: 'The changed policy', ...jsonContent(GuardPolicySchema) }, ...notFound },
      before: json,
      handler: handlers.update,
    }),
    endpoint({
      ...common,
      access: 'manage',
      method: 'delete',
      path: '/guard/policies/{id}',
      summary: 'Delete a policy (its counters go with it; open reservations stop holding on it)',
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Deleted' }, ...notFound },
      handler: handlers.remove,
    }),
  ];
}
