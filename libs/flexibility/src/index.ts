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
