import type { FlexibilityEnvelope } from '../flexibility-envelope';
import { AggregationError, type DepartureDistribution } from './aggregation-member';
import { standardNormalCdf, standardNormalQuantile } from './standard-normal';

const Z_P90 = standardNormalQuantile(0.9);
/** An ISP counts for reserves only if the EV is plugged in for all of it (rounding slack). */
const FULL_ISP = 1 - 1e-9;

/**
 * Per envelope ISP, the probability that the EV is plugged in for the whole ISP, as reserves see it:
 * - 0 in an ISP the EV is plugged in for only part of (a reserve must hold the whole ISP), and in
 *   every ISP that ends after the P10 departure (the rule of issue 4, item 3);
 * - before that, arrival probability x P(departure >= end of the ISP), with the departure assumed
 *   normal around the expected departure, its spread fixed by the P10: sigma = (expected - P10) /
 *   z(0.9). The shape is an assumption (the forecasts give quantiles, not a distribution); it
 *   only matters between the arrival and the P10, where it gives 0.9..1.
 */
export function reservePresenceProbability(
  envelope: FlexibilityEnvelope,
  departure: DepartureDistribution,
  arrivalProbability: number | ArrayLike<number> = 1,
): Float64Array {
  const expectedMs = departure.expected.getTime();
  const p10Ms = departure.p10.getTime();
  if (!Number.isFinite(expectedMs) || !Number.isFinite(p10Ms) || p10Ms > expectedMs) {
    throw new AggregationError('P10 departure must be a valid instant not after the expected departure');
  }
  const n = envelope.isps.length;
  if (typeof arrivalProbability !== 'number' && arrivalProbability.length !== n) {
    throw new AggregationError(`arrival probability needs ${n} values, got ${arrivalProbability.length}`);
  }
  const sigmaMs = (expectedMs - p10Ms) / Z_P90;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t += 1) {
    const endMs = envelope.isps[t].end.getTime();
    if (envelope.presentFraction[t] < FULL_ISP || endMs > p10Ms) continue;
    const arrived = typeof arrivalProbability === 'number' ? arrivalProbability : arrivalProbability[t];
    if (!(arrived >= 0 && arrived <= 1)) throw new AggregationError(`arrival probability must be in 0..1, got ${arrived}`);
    const stays = sigmaMs > 0 ? 1 - standardNormalCdf((endMs - expectedMs) / sigmaMs) : 1;
    out[t] = arrived * stays;
  }
  return out;
}
