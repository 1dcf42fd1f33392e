import { PROBLEM_CONTENT_TYPE, problemTypes, problemTypeUri, type Problem } from '@finops/contracts';
import type { Request, Response } from 'express';
import type { HttpProblem } from './http-problem';

export function toApiProblem(problem: HttpProblem, req: Request): Problem {
  return {
    type: problemTypeUri(problem.kind),
    title: problemTypes[problem.kind].title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance: req.originalUrl.split('?')[0],
    ...(req.id ? { request_id: String(req.id) } : {}),
    ...(problem.invalidParams ? { invalid_params: problem.invalidParams } : {}),
    ...problem.members,
  };
}

export function sendProblem(problem: HttpProblem, req: Request, res: Response): void {
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(toApiProblem(problem, req)));
}
