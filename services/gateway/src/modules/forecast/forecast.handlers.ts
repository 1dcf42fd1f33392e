import type { CostForecastQuerySchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import { NotFoundError } from '../../errors';
import { principalOf } from '../auth/principal';
import type { ForecastService } from './forecast.service';
import { resolveQueryScope, type ForecastCapsSource } from './forecast-scope.resolver';

export function forecastHandlers(service: ForecastService, caps: ForecastCapsSource, now: () => Date) {
  const forecast: ValidatedHandler<{ query: typeof CostForecastQuerySchema }> = async (req, res) => {
    const { orgId } = principalOf(req);
    const query = req.query;
    const scope = query.budgetId ? await caps.scopeOfCap(orgId, query.budgetId, now()) : await resolveQueryScope(orgId, query, caps, now());
    if (!scope) throw new NotFoundError(`Budget ${query.budgetId}`);
    res.json(await service.forecast(orgId, scope, query.includeSeries));
  };
  return { forecast };
}
