import type { ForecastRequestSchema, ForecastResponse } from '@finops/contracts';
import { forecastMonthEnd } from '@finops/forecasting';
import type { ValidatedHandler } from '@finops/http-kit';

/** Decode (already validated) → forecast → encode. The maths lives in @finops/forecasting. */
export function forecastHandlers() {
  const forecastCost: ValidatedHandler<{ body: typeof ForecastRequestSchema }> = (req, res) => {
    const body: ForecastResponse = forecastMonthEnd(req.body);
    res.json(body);
  };
  return { forecastCost };
}
