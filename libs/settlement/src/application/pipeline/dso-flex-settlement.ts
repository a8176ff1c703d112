import type { DeliveredFlex, FlexOrderSettlementIsp } from '@vpp/congestion/domain/flex-settlement';
import { DeliveryDay, Isp, Money, PowerW, RoundingMode } from '@vpp/units';
import { deliveredFlexPowerW } from '../../domain/delivery/flex-order-delivery';
import type { MeteredIsp, SettledFlexOrder } from '../../domain/delivery/settled-inputs';
import type { FlexOrderPenaltyRule } from '../../domain/pricing/uftp-pricing';
import { DEFAULT_FLEX_ORDER_PENALTY_RULE, settleFlexOrder } from '../../domain/pricing/uftp-pricing';
import { weakestBasis } from '../../domain/settlement-vocabulary';

const wholeWatts = (power: PowerW): number => Number.parseInt(power.toFixed(0, RoundingMode.HALF_AWAY_FROM_ZERO), 10);
const kwhAsWatts = (kwh: MeteredIsp['baselineKwh'], isp: Isp): PowerW => PowerW.of(kwh.times(1000).dividedBy(isp.range.durationHours));

/**
 * The DSO's FlexOrderSettlement figures of one order (UFTP FlexOrderSettlementISPType, whole
 * watts): per ISP the recorded baseline and the metered power of every session behind the
 * congestion point, the ordered and delivered flex power and the deficiency, and the penalty by
 * the same rule (and function) as the aggregator's statement lines, rounded to the 4 decimals of
 * a UFTP CurrencyAmountType.
 */
export function dsoFlexSettlement(
  order: SettledFlexOrder,
  behind: readonly MeteredIsp[],
  day: DeliveryDay,
  knownAt: Date,
  rule: FlexOrderPenaltyRule = DEFAULT_FLEX_ORDER_PENALTY_RULE,
): DeliveredFlex {
  const meter = new Map(behind.map((row) => [row.ispStart.getTime(), row]));
  const isps = order.isps.map((entry) => {
    const isp = Isp.startingAt(entry.ispStart);
    return { isp, orderedFlexPowerW: PowerW.of(entry.orderedFlexPowerW), deliveredFlexPowerW: deliveredFlexPowerW(meter.get(entry.ispStart.getTime()), isp) };
  });
  const rows = order.isps.flatMap((entry) => meter.get(entry.ispStart.getTime()) ?? []);
  const settled = settleFlexOrder({ orderReference: order.orderReference, price: Money.eur(order.price), isps, basis: weakestBasis(rows.map((r) => r.basis)) }, rule);
  const lines: FlexOrderSettlementIsp[] = isps.map(({ isp, orderedFlexPowerW, deliveredFlexPowerW: delivered }) => {
    const row = meter.get(isp.start.getTime());
    const baseline = row ? kwhAsWatts(row.baselineKwh, isp) : PowerW.zero();
    const actual = row ? kwhAsWatts(row.chargedKwh.minus(row.dischargedKwh), isp) : PowerW.zero();
    const inDirection = orderedFlexPowerW.isNegative() ? delivered.negate() : delivered;
    const deficiency = orderedFlexPowerW.abs().subtract(inDirection);
    return {
      start: day.ispNumber(isp),
      duration: 1,
      baselinePower: wholeWatts(baseline),
      orderedFlexPower: wholeWatts(orderedFlexPowerW),
      actualPower: wholeWatts(actual),
      deliveredFlexPower: wholeWatts(delivered),
      powerDeficiency: deficiency.isPositive() ? wholeWatts(deficiency) : 0,
    };
  });
  return { isps: lines, penalty: settled.penalty.amount.toDecimalPlaces(4, RoundingMode.HALF_AWAY_FROM_ZERO), knownAt };
}
