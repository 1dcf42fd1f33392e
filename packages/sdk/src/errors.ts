import type { GuardCheckResult, InvalidParam, Problem } from '@finops/contracts';

/** The gateway answered with an error; `problem` is its RFC 9457 body (synthesised as `about:blank` when it sent none). */
export class FinOpsApiError extends Error {
  override readonly name = 'FinOpsApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** From `Retry-After`, when the gateway sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
  }
}

/** The gateway could not be reached, or did not answer in time; nothing is known about what it stored. */
export class FinOpsNetworkError extends Error {
  override readonly name = 'FinOpsNetworkError';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** A response did not match the published contract (a gateway of another version, or not the gateway at all). */
export class FinOpsContractError extends Error {
  override readonly name = 'FinOpsContractError';
}

/** A trace the gateway would refuse, caught before it is queued so that it cannot fail the whole batch it would join. */
export class InvalidTraceError extends Error {
  override readonly name = 'InvalidTraceError';
  constructor(readonly invalidParams: InvalidParam[]) {
    super(`invalid trace: ${invalidParams.map((param) => `${param.name} ${param.reason}`).join('; ')}`);
  }
}

/** The guard denied the step: `result` names the policy and what it has left. */
export class GuardDeniedError extends Error {
  override readonly name = 'GuardDeniedError';
  constructor(readonly result: GuardCheckResult) {
    super(result.detail ?? `denied by the guard (${result.reason ?? 'cap_exceeded'})`);
  }
}
