export * from './ets-model';
export { oneStepMean, updateState, filterSeries, pointForecasts, type FilterResult } from './ets-recursion';
export { heuristicInitialState, seedVector, stateFromSeed } from './initial-states';
export { refineSeedStates, type RefinedSeed } from './seed-refinement';
export { nelderMead, type NelderMeadOptions, type Minimum } from './nelder-mead';
export { fitEts, toSmoothingParams, smoothingBounds, minusTwoLogLik, aicc, type FittedEts } from './ets-fit';
export { fitMean, SHORT_SERIES_MIN_CV, type FittedMean } from './mean-model';
export { candidateSpecs, selectModels, MIN_MODEL_WEIGHT, type FittedModel, type WeightedModel } from './model-selection';
export { createRandom, type Random } from './random';
export { withAlphaUncertainty, ALPHA_LIKELIHOOD_POWER } from './parameter-uncertainty';
export { simulatePaths, defaultSimulation, type SimulationOptions, type SimulatedPaths } from './simulation';
export { dailyBands, pathTotals, breachProbability, type DailyBand } from './prediction-intervals';
export { rmse, mae, mase, intervalCoverage, brierScore } from './accuracy';
export { parseIsoDay, formatIsoDay, monthStartOf } from './calendar';
export { toDenseSeries, type DailyCost, type DenseSeries } from './daily-series';
export {
  forecastMonthEnd,
  WEEKLY_SEASON_LENGTH,
  type CostCap,
  type MonthEndRequest,
  type MonthEndForecast,
  type ModelSummary,
} from './month-end-forecast';
export { detectSpendAnomalies, type DetectedAnomaly, type AnomalyDetection, type AnomalyModel } from './anomaly-detection';
export {
  GRANULARITY_SHAPES,
  SENSITIVITY_THRESHOLDS,
  type AnomalyGranularity,
  type AnomalySensitivity,
  type GranularityShape,
  type SensitivityThresholds,
} from './anomaly-settings';
export { seasonalMedianBaseline, type SeasonalBaseline } from './seasonal-baseline';
export { medianInPlace, madSigmaInPlace, MAD_TO_SIGMA } from './robust-statistics';
