export { uncontrolledCharging } from './domain/uncontrolled-charging';
export type { IspEnergy, UncontrolledChargingInput, UncontrolledChargingProfile } from './domain/uncontrolled-charging';
export {
  BASELINE_METHOD_VERSIONS,
  BaselineError,
  DEFAULT_BASELINE_METHODS,
  DEFAULT_CHARGE_EFFICIENCY,
  DEFAULT_METER_BEFORE_MAX_AGE_MS,
  DEFAULT_TAPER_END_FRACTION,
  DEFAULT_TAPER_START_SOC,
  baselineMethodFor,
  historicalXofYBaseline,
  meterBeforeBaseline,
  nominatedScheduleBaseline,
  taperedPowerKw,
  uncontrolledChargingBaseline,
} from './domain/baseline';
export type {
  BatteryState,
  Baseline,
  BaselineIsp,
  BaselineMetadata,
  BaselineMethod,
  DaySimilarity,
  FlexibilityProduct,
  HistoricalDay,
  HistoricalXofYInput,
  MeterBeforeInput,
  MeterReading,
  NominatedScheduleInput,
  UncontrolledBaseline,
  UncontrolledBaselineInput,
  XofYSelection,
} from './domain/baseline';
export {
  DEFAULT_CHARGE_EFFICIENCY_F64,
  DEFAULT_DISCHARGE_EFFICIENCY_F64,
  EnvelopeError,
  degradationCostEur,
  flexibilityEnvelope,
  powerAlongTrajectoryKw,
} from './domain/flexibility-envelope';
export type { EnvelopeBattery, EnvelopeV2g, FlexibilityEnvelope, FlexibilityEnvelopeInput } from './domain/flexibility-envelope';
export {
  DEFAULT_FORECAST_OPTIONS,
  DEFAULT_HOLDOUT_WEEKS,
  FORECAST_QUANTILES,
  ForecastError,
  SESSION_FORECAST_METHOD,
  SESSION_FORECAST_VERSION,
  backtestSessionForecast,
  defaultForecastKnownAt,
  forecastDay,
  forecastMembers,
  forecastSessions,
  historyOfSites,
  pinballLoss,
  trainForecastModel,
} from './domain/forecast';
export type {
  BacktestInput,
  BacktestMetric,
  BacktestMetricName,
  BacktestResult,
  BacktestSeries,
  DayType,
  DayTypeScheme,
  ForecastCohort,
  ForecastMember,
  ForecastModel,
  ForecastOptions,
  ForecastQuantile,
  ForecastScope,
  ForecastSessionsInput,
  HistoricalSession,
  Quantiles,
  SessionForecast,
} from './domain/forecast';
export { readSessionFileHistory } from './infrastructure/forecast/session-file.history';
export type { SessionFileHistory } from './infrastructure/forecast/session-file.history';
export { ForecastAndBacktestUseCase } from './application/forecast/forecast-and-backtest.use-case';
export type { ForecastAndBacktestCommand, ForecastAndBacktestReport } from './application/forecast/forecast-and-backtest.use-case';
export { ForecastRepository } from './infrastructure/forecast/forecast.repository';
export type { StoredForecast } from './infrastructure/forecast/forecast.repository';
export { loadHistoricalSessions } from './infrastructure/forecast/historical-sessions.query';
export type { HistoryScope, StoredHistory } from './infrastructure/forecast/historical-sessions.query';
export { FORECAST_ENTITIES } from './infrastructure/forecast/forecast.entities';
export { ForecastBacktestResultEntity } from './infrastructure/forecast/forecast-backtest-result.entity';
export { SessionForecastCohortEntity } from './infrastructure/forecast/session-forecast-cohort.entity';
export { SessionForecastEntity } from './infrastructure/forecast/session-forecast.entity';
export { AggregationError, RESERVE_POOLS, RESERVE_PRODUCTS } from './domain/aggregation/aggregation-member';
export type { AggregationMember, DepartureDistribution, ReservePool, ReserveProduct } from './domain/aggregation/aggregation-member';
export { EXACT_GRID_BINS, EXACT_MAX_UNCERTAIN_TRIALS, FirmCapacity } from './domain/aggregation/firm-capacity';
export type { FirmValue, QuantileMethod } from './domain/aggregation/firm-capacity';
export { reservePresenceProbability } from './domain/aggregation/presence-probability';
export { DEFAULT_RESERVE_CONFIDENCE, aggregatePortfolio } from './domain/aggregation/portfolio-aggregate';
export type { PortfolioAggregate, PortfolioAggregationOptions } from './domain/aggregation/portfolio-aggregate';
export type { ReserveBand } from './domain/aggregation/reserve-bands';
export type { VirtualBattery } from './domain/aggregation/virtual-battery';
// Portfolios, the reservation ledger and recorded baselines (issue 4 item 6, item 1's recording).
export * from './domain/portfolio/portfolio-products';
export { BIDDING_ZONE_PATTERN, validatePortfolio } from './domain/portfolio/portfolio';
export type { PortfolioDefinition } from './domain/portfolio/portfolio';
export { PortfolioError } from './domain/portfolio/portfolio.errors';
export type { PortfolioErrorCode } from './domain/portfolio/portfolio.errors';
export { LedgerError } from './domain/ledger/ledger.errors';
export type { LedgerErrorCode } from './domain/ledger/ledger.errors';
export { directionsFor } from './domain/ledger/reservation-request';
export type { ReservationRequest } from './domain/ledger/reservation-request';
export type { AvailabilityEntry } from './domain/ledger/availability';
export { toBaselineRecord } from './domain/baseline-records/baseline-record';
export type { BaselineRecordValues, BaselineSubject } from './domain/baseline-records/baseline-record';
export { BaselineRecordError } from './domain/baseline-records/baseline-record.errors';
export { ReservationLedger } from './application/ledger/reservation-ledger';
export type { ReservationOutcome, ReservationView } from './application/ledger/reservation.view';
export { LedgerDayQuery } from './application/ledger/ledger-day.query';
export type { LedgerDayView, LedgerIspView, LedgerCellView } from './application/ledger/ledger-day.query';
export { PortfolioQueries } from './application/portfolio/portfolio.queries';
export type { PortfolioView } from './application/portfolio/portfolio.view';
export { RecordBaselineUseCase } from './application/baseline-records/record-baseline.use-case';
export { RecordSessionBaselineUseCase, type SessionBaselineOutcome } from './application/baseline-records/record-session-baseline.use-case';
export { BaselineRecordQueries } from './application/baseline-records/baseline-records.queries';
export type { RecordedBaseline } from './application/baseline-records/baseline-records.queries';
export { PORTFOLIO_ENTITIES } from './infrastructure/portfolio/portfolio.entities';
export { LEDGER_ENTITIES } from './infrastructure/ledger/ledger.entities';
export { BASELINE_RECORD_ENTITIES } from './infrastructure/baseline-records/baseline-record.entities';
export { FlexibilityModule } from './flexibility.module';
// Planning: the plan job, plan runs and behind-the-meter site services (issue 4 items 5-7 wiring).
export { PlanningJobsModule } from './infrastructure/planning/planning-jobs.module';
export { PlanPortfolioDayUseCase } from './application/planning/plan-portfolio-day.use-case';
export type { PlanPortfolioDayCommand } from './application/planning/plan-portfolio-day.use-case';
export { PLANNING_ENTITIES } from './infrastructure/planning/planning.entities';
export { PLANNING_SCHEDULER_ID } from './infrastructure/planning/planning.scheduler';
export type { SiteServiceSettings, TouPeriod } from './domain/site-services/site-services';
