export { planDayAhead } from './plan-day-ahead';
export { planHorizon } from './plan-horizon';
export { checkSessionPlan } from './plan-evaluation';
export type { SessionPlanCheck } from './plan-evaluation';
export { needLevelOf, powerClassOf } from './plan-units';
export {
  DEFAULT_EXACT_MAX_SESSIONS,
  DEFAULT_NEED_LEVEL_STEPS,
  DEFAULT_TIME_LIMIT_S,
  DayAheadModelError,
  LIMIT_OVERLOAD_PENALTY_EUR_PER_KWH,
  NEED_SHORTFALL_PENALTY_EUR_PER_KWH,
} from './day-ahead-model';
export type {
  DayAheadFuse,
  DayAheadPlan,
  DayAheadPlanInput,
  DayAheadPlanOptions,
  DayAheadSession,
  DayAheadSite,
  HorizonPlanInput,
  KwSeries,
  ObjectiveBreakdown,
  PlanMethod,
  PlanSlack,
  SlackKind,
} from './day-ahead-model';
