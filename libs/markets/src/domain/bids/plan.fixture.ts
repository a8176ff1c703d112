import { Block, type DeliveryDay } from '@vpp/units';
import type { PortfolioDayPlan } from './portfolio-day-plan';

/** A hand-made plan for tests: flat series, then `edit` sets what the test is about. */
export function aPlan(day: DeliveryDay, edit: (series: PlanSeries) => void = () => undefined, overrides: Partial<PortfolioDayPlan> = {}): PortfolioDayPlan {
  const n = day.ispCount;
  const series: PlanSeries = {
    plannedKw: new Float64Array(n),
    batteryMinKw: new Float64Array(n),
    batteryMaxKw: new Float64Array(n).fill(1000),
    latestEnergyKwh: new Float64Array(n),
    pricesEurPerMwh: new Float64Array(n).fill(100),
    firmUpKw: new Float64Array(n),
    firmDownKw: new Float64Array(n),
  };
  edit(series);
  const headroom = { upKw: series.firmUpKw, downKw: series.firmDownKw };
  return {
    portfolioId: '00000000-0000-4000-8000-000000000001',
    day,
    plannedKw: series.plannedKw,
    batteryMinKw: series.batteryMinKw,
    batteryMaxKw: series.batteryMaxKw,
    latestEnergyKwh: series.latestEnergyKwh,
    chargeEfficiency: 1,
    dischargeEfficiency: 1,
    degradationCostEurPerKwh: 0,
    pricesEurPerMwh: series.pricesEurPerMwh,
    firm: { any: headroom, fcr: headroom, afrr: headroom },
    reserves: Block.allOf(day).map((block) => ({ block, fcrMw: 0, afrrUpMw: 0, afrrDownMw: 0 })),
    provenance: { planRunId: null, aggregateVersion: 'test fixture', knownAt: new Date('2026-06-09T04:00:00Z'), priceSource: 'test prices', assumptions: ['test fixture'] },
    ...overrides,
  };
}

export interface PlanSeries {
  plannedKw: Float64Array;
  batteryMinKw: Float64Array;
  batteryMaxKw: Float64Array;
  latestEnergyKwh: Float64Array;
  pricesEurPerMwh: Float64Array;
  firmUpKw: Float64Array;
  firmDownKw: Float64Array;
}
