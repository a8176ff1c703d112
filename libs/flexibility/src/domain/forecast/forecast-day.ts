import { DeliveryDay } from '@vpp/units';

import { dayTypeOf, isoWeekdayOf, slotsOfDay } from './day-type';
import { ForecastError, ForecastModel } from './forecast-model';
import { ForecastCohort, SESSION_FORECAST_METHOD, SESSION_FORECAST_VERSION, SessionForecast } from './session-forecast';

const ISP_MS = 900_000;
const MS_PER_HOUR = 3_600_000;

function atWholeSecond(ms: number): Date {
  return new Date(Math.round(ms / 1000) * 1000);
}

/**
 * The model's forecast for one delivery day: the profile of the day's type, laid on the day's
 * real ISPs by wall clock (a 92-ISP day skips 02:00-03:00, a 100-ISP day has it twice, each
 * with the per-ISP rate). Arrival is planned at the middle of the ISP; expected departure is
 * arrival + median dwell, P10 departure arrival + P10 dwell.
 */
export function forecastDay(model: ForecastModel, day: DeliveryDay): SessionForecast {
  const dayType = dayTypeOf(isoWeekdayOf(day), model.dayTypeScheme);
  const profile = model.profiles.get(dayType);
  if (profile === undefined || profile.historyDays === 0) {
    throw new ForecastError('NO_HISTORY_FOR_DAY_TYPE', `no ${dayType} in the training window ${model.trainedFrom}..${model.trainedTo}`);
  }
  const startMs = day.start.getTime();
  const cohorts: ForecastCohort[] = Array.from(slotsOfDay(day), (slot, i) => {
    const p = profile.slots[slot];
    const ispStartMs = startMs + i * ISP_MS;
    const arrivalMs = ispStartMs + ISP_MS / 2;
    return {
      ispNumber: i + 1,
      ispStart: new Date(ispStartMs),
      expectedArrivals: p.expectedArrivals,
      arrivals: p.arrivals,
      expectedArrivingEnergyKwh: p.expectedArrivingEnergyKwh,
      arrivingEnergyKwh: p.arrivingEnergyKwh,
      dwellHours: p.dwellHours,
      energyNeedKwh: p.energyNeedKwh,
      maxPowerKw: p.maxPowerKw,
      arrival: new Date(arrivalMs),
      expectedDeparture: atWholeSecond(arrivalMs + p.dwellHours.p50 * MS_PER_HOUR),
      p10Departure: atWholeSecond(arrivalMs + p.dwellHours.p10 * MS_PER_HOUR),
      sampleSessions: p.sampleSessions,
    };
  });
  return {
    method: SESSION_FORECAST_METHOD,
    version: SESSION_FORECAST_VERSION,
    scope: model.scope,
    deliveryDay: day.isoDate,
    ispCount: day.ispCount,
    knownAt: model.knownAt,
    trainedFrom: model.trainedFrom,
    trainedTo: model.trainedTo,
    dayTypeScheme: model.dayTypeScheme,
    dayType,
    historyDays: profile.historyDays,
    expectedArrivalsPerDay: profile.expectedArrivalsPerDay,
    arrivalsPerDay: profile.arrivalsPerDay,
    expectedEnergyKwhPerDay: profile.expectedEnergyKwhPerDay,
    energyKwhPerDay: profile.energyKwhPerDay,
    cohorts,
    assumptions: model.assumptions,
  };
}
