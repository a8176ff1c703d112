import { Decimal, RoundingMode } from '@vpp/units';
import type { CongestionFlexibility } from './congestion-flexibility';
import type { CheckedFlexRequest } from './flex-request-rules';
import type { FlexOfferOption, PowerIsp } from './uftp-messages';

const ISP_HOURS = new Decimal('0.25');
const W_PER_MW = new Decimal(1_000_000);

/** The price of an option: its energy (sum of |W| x 0.25 h) x the price per MWh, 4 decimals (CurrencyAmountType). */
export function optionPrice(isps: readonly PowerIsp[], priceEurPerMwh: Decimal): string {
  const wattQuarterHours = isps.reduce((sum, isp) => sum + Math.abs(isp.power) * isp.duration, 0);
  return new Decimal(wattQuarterHours).times(ISP_HOURS).dividedBy(W_PER_MW).times(priceEurPerMwh).toFixed(4, RoundingMode.HALF_AWAY_FROM_ZERO);
}

/**
 * Offer options for a checked FlexRequest from the flexibility behind its congestion point. Option
 * `max`: per Requested ISP as much as the band asks for (|MinPower| down, MaxPower up) and the
 * portfolio has; option `min` (only when it differs): the least the band accepts (the bound
 * nearest zero), in the ISPs where that much is there. Whole watts, rounded towards zero so we
 * never offer more than we have. None when nothing can be offered.
 */
export function buildOfferOptions(request: CheckedFlexRequest, flexibility: CongestionFlexibility, priceEurPerMwh: Decimal): FlexOfferOption[] {
  const max: PowerIsp[] = [];
  const min: PowerIsp[] = [];
  for (const isp of request.requested) {
    const availableKw = isp.direction === 'down' ? flexibility.downKw[isp.ispNumber - 1] : flexibility.upKw[isp.ispNumber - 1];
    const availableW = Math.floor((availableKw ?? 0) * 1000);
    const wantedW = isp.direction === 'down' ? -isp.minPower : isp.maxPower;
    const leastW = isp.direction === 'down' ? -isp.maxPower : isp.minPower;
    const sign = isp.direction === 'down' ? -1 : 1;
    const offered = Math.min(availableW, wantedW);
    if (offered > 0) max.push({ start: isp.ispNumber, duration: 1, power: sign * offered });
    if (leastW > 0 && availableW >= leastW) min.push({ start: isp.ispNumber, duration: 1, power: sign * leastW });
  }
  if (max.length === 0) return [];
  const options: FlexOfferOption[] = [{ optionReference: 'max', price: optionPrice(max, priceEurPerMwh), minActivationFactor: '1.00', isps: max }];
  const same = min.length === max.length && min.every((isp, i) => isp.start === max[i].start && isp.power === max[i].power);
  if (min.length > 0 && !same) options.push({ optionReference: 'min', price: optionPrice(min, priceEurPerMwh), minActivationFactor: '1.00', isps: min });
  return options;
}
