import type { CreateGuardPolicySchema, GuardCheckSchema, GuardPolicyList, GuardSettleSchema, IdParamsSchema, UpdateGuardPolicySchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { principalOf } from '../auth/principal';
import { toApiGuardCheckResult } from './guard-check-answer';
import type { GuardCheckService } from './guard-check.service';
import type { GuardPoliciesService } from './guard-policies.service';
import { toApiGuardPolicy, toApiGuardReservation } from './guard-policy';
import type { GuardReservationsService } from './guard-reservations.service';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';

export interface GuardServices {
  policies: GuardPoliciesService;
  checks: GuardCheckService;
  reservations: GuardReservationsService;
  metrics: Pick<GatewayMetrics, 'guardDecided'>;
}

export function guardHandlers({ policies, checks, reservations, metrics }: GuardServices) {
  const create: ValidatedHandler<{ body: typeof CreateGuardPolicySchema }> = async (req, res) => {
    const policy = await policies.create(principalOf(req).orgId, req.body);
    res.status(201).location(`/api/v1/guard/policies/${policy.id}`).json(toApiGuardPolicy(policy));
  };
  const list: ValidatedHandler<object> = async (req, res) => {
    res.json({ policies: (await policies.list(principalOf(req).orgId)).map(toApiGuardPolicy) } satisfies GuardPolicyList);
  };
  const get: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    res.json(toApiGuardPolicy(await policies.get(principalOf(req).orgId, req.params.id)));
  };
  const update: ValidatedHandler<{ params: typeof IdParamsSchema; body: typeof UpdateGuardPolicySchema }> = async (req, res) => {
    res.json(toApiGuardPolicy(await policies.update(principalOf(req).orgId, req.params.id, req.body)));
  };
  const remove: ValidatedHandler<{ params: typeof IdParamsSchema }> = async (req, res) => {
    await policies.delete(principalOf(req).orgId, req.params.id);
    res.status(204).end();
  };
  // A deny is an answer, not an error: 200 with decision "deny", so agent frameworks branch on the body.
  const check: ValidatedHandler<{ body: typeof GuardCheckSchema }> = async (req, res) => {
    const result = toApiGuardCheckResult(await checks.check(principalOf(req).orgId, req.body));
    metrics.guardDecided(result.decision, result.reason ?? 'within_limits');
    res.json(result);
  };
  const settle: ValidatedHandler<{ body: typeof GuardSettleSchema }> = async (req, res) => {
    res.json(toApiGuardReservation(await reservations.settle(principalOf(req).orgId, req.body)));
  };
  return { create, list, get, update, remove, check, settle };
}
