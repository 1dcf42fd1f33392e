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
import { commonProblemResponses, problemResponse, type PathRegistrar } from '../openapi/openapi-registry';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const registerGuardPaths: PathRegistrar = (registry) => {
  const notFound = { 404: problemResponse('No such guard policy in this org') };
  registry.registerPath({
    method: 'post',
    path: '/api/v1/guard/check',
    summary: 'May this agent spend this much now? Reserves the estimate when allowed',
    description:
      'Always 200 with `decision` (`allow` or `deny`): a deny is an answer, not an error. Every policy that applies ' +
      '(the org’s and the agent’s) must have the estimate left; the most restrictive decides and a deny names it. ' +
      'An allowed check holds the estimate until the trace naming `reservationId` arrives, /guard/settle replaces ' +
      'it, or the lease ends. When the database does not answer within the check timeout (250 ms by default), the ' +
      'policies’ fail mode answers with `reason: guard_unavailable`.',
    tags: ['Guard'],
    request: { body: json(GuardCheckSchema) },
    responses: {
      200: { description: 'The decision', ...json(GuardCheckResultSchema) },
      ...commonProblemResponses,
      400: problemResponse('Invalid request, or `modelId` has no price to estimate the tokens with'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/guard/settle',
    summary: 'Replace a reservation’s hold with the actual cost, or release it',
    description:
      'Without `actualCostUsd` (or with 0) the hold is released. With a cost, the hold becomes that cost until the ' +
      'trace naming the reservation arrives (spend counts when it is ingested). The same settle again changes nothing.',
    tags: ['Guard'],
    request: { body: json(GuardSettleSchema) },
    responses: {
      200: { description: 'The reservation after the settle', ...json(GuardReservationSchema) },
      404: problemResponse('No such reservation in this org'),
      409: problemResponse('The lease ended, or the reservation was already settled with another amount'),
      ...commonProblemResponses,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/guard/policies',
    summary: 'Create a guard policy (a spend cap per calendar period, enforced at check time)',
    description: 'One policy per scope, agent and period type: a second one is 409 (change the first with PATCH).',
    tags: ['Guard'],
    request: { body: json(CreateGuardPolicySchema) },
    responses: {
      201: { description: 'Created', ...json(GuardPolicySchema) },
      409: problemResponse('The org already has a policy for this scope, agent and period type'),
      ...commonProblemResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/guard/policies',
    summary: 'List the org’s guard policies',
    tags: ['Guard'],
    responses: { 200: { description: 'Policies', ...json(GuardPolicyListSchema) }, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/guard/policies/{id}',
    summary: 'One guard policy',
    tags: ['Guard'],
    request: { params: IdParamsSchema },
    responses: { 200: { description: 'The policy', ...json(GuardPolicySchema) }, ...notFound, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/guard/policies/{id}',
    summary: 'Change a policy’s limit, fail mode or name; the next check applies it',
    tags: ['Guard'],
    request: { params: IdParamsSchema, body: json(UpdateGuardPolicySchema) },
    responses: { 200: { description: 'The changed policy', ...json(GuardPolicySchema) }, ...notFound, ...commonProblemResponses },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/guard/policies/{id}',
    summary: 'Delete a policy (its counters go with it; open reservations stop holding on it)',
    tags: ['Guard'],
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Deleted' }, ...notFound, ...commonProblemResponses },
  });
};
