import type { EtsSpec } from '../../src/ets-model';
import { fitEts } from '../../src/ets-fit';
import { filterSeries, pointForecasts } from '../../src/ets-recursion';
import { selectModels } from '../../src/model-selection';
import reference from '../fixtures/ets-reference.json';

// Golden values from R's forecast::ets (see ../fixtures/PROVENANCE.md). Compared by relative error.

interface ReferenceFit {
  model: string;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  level0: number;
  trend0: number;
  season0: number[];
  finalLevel: number;
  finalTrend: number;
  finalSeason: number[];
  sse: number;
  minusTwoLogLik: number;
  fitted: number[];
  forecast: number[];
}

function specOf(code: string, seasonLength: number): EtsSpec {
  const error = code[0] as EtsSpec['error'];
  const trend = code.includes('Ad') ? 'Ad' : (code[1] as EtsSpec['trend']);
  const season = code[code.length - 1] as EtsSpec['season'];
  return { error, trend, season, seasonLength };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
}

const cases = Object.entries(reference.series).flatMap(([name, series]) =>
  (series.fits as ReferenceFit[]).map((fit) => ({ name, series, fit, spec: specOf(fit.model, series.seasonLength) })),
);

describe('ETS against R forecast::ets', () => {
  it.each(cases.map((c) => [`${c.name} ${c.fit.model}`, c] as const))(
    'when %s is run with R’s fitted parameters and seed states, then fitted values, SSE and forecasts agree',
    (_label, { series, fit, spec }) => {
      const params = { alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma, phi: fit.phi };
      const initial = { level: fit.level0, trend: fit.trend0, season: Float64Array.from(fit.season0), phase: 0 };
      const fitted = new Float64Array(series.y.length);
      const run = filterSeries(series.y, spec, params, initial, fitted);
      expect(run.valid).toBe(true);
      expect(relativeError(run.sse, fit.sse)).toBeLessThan(1e-9);
      fit.fitted.forEach((expected, t) => expect(relativeError(fitted[t]!, expected)).toBeLessThan(1e-9));
      expect(relativeError(run.final.level, fit.finalLevel)).toBeLessThan(1e-9);
      expect(Math.abs(run.final.trend - fit.finalTrend)).toBeLessThan(1e-9 * Math.abs(fit.finalLevel));
      fit.finalSeason.forEach((expected, j) => {
        const ours = run.final.season[(run.final.phase + j) % spec.seasonLength]!;
        expect(Math.abs(ours - expected)).toBeLessThan(1e-9 * (spec.season === 'A' ? Math.abs(fit.finalLevel) : 1));
      });
      const forecasts = pointForecasts(run.final, spec, fit.phi, series.horizon);
      fit.forecast.forEach((expected, h) => {
        // For multiplicative seasonality R reports forecast means (exact or simulated), not the point recursion.
        const tolerance = spec.season === 'M' ? 2e-3 : 1e-9;
        expect(relativeError(forecasts[h]!, expected)).toBeLessThan(tolerance);
      });
    },
  );

  it.each(cases.map((c) => [`${c.name} ${c.fit.model}`, c] as const))(
    'when %s is fitted freely, then the likelihood reached is at least R’s (within 0.5 on the −2·log L scale)',
    (_label, { series, fit, spec }) => {
      const ours = fitEts(series.y, spec);
      expect(ours).toBeDefined();
      const n = series.y.length;
      // R drops the constants n·log(2π/n) + n; remove them from ours to compare on R's scale.
      const oursOnRScale = -2 * ours!.logLik - n * Math.log((2 * Math.PI) / n) - n;
      expect(oursOnRScale).toBeLessThanOrEqual(fit.minusTwoLogLik + 0.5);
      if (spec.error === 'A') expect(ours!.sse).toBeLessThanOrEqual(fit.sse * 1.02);
    },
  );

  it.each(Object.entries(reference.series))('when choosing a model for %s by AICc, then it picks the model R’s ets() picks', (_name, series) => {
    expect(selectModels(series.y, series.seasonLength)[0]!.model.method).toBe(series.autoMethod);
  });
});
