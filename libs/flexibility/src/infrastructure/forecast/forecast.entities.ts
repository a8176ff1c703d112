import { ForecastBacktestResultEntity } from './forecast-backtest-result.entity';
import { SessionForecastCohortEntity } from './session-forecast-cohort.entity';
import { SessionForecastEntity } from './session-forecast.entity';

export const FORECAST_ENTITIES = [SessionForecastEntity, SessionForecastCohortEntity, ForecastBacktestResultEntity];
