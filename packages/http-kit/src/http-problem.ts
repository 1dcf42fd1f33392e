import { problemTypes, type InvalidParam, type Problem, type ProblemKind } from '@finops/contracts';

/** An error that answers with one registered problem type. Services throw these; the error middleware answers. */
export class HttpProblem extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
    readonly headers?: Record<string, string>,
    /** Extension members of the problem type (RFC 9457 §3.2), sent beside the standard ones. */
    readonly members?: Pick<Problem, 'missing_scopes'>,
  ) {
    super(detail ?? problemTypes[kind].title);
    this.name = 'HttpProblem';
    this.status = problemTypes[kind].status;
  }
}

export function validationProblem(invalidParams: InvalidParam[], detail?: string): HttpProblem {
  const names = invalidParams.map((param) => param.name).join(', ');
  return new HttpProblem('validation', detail ?? `Invalid fields: ${names}`, invalidParams);
}
