/**
 * Feed-in value of PV surplus, EUR/MWh: assumed 0 (a site exporting surplus is paid little or
 * nothing for it behind a commercial connection; no public tariff is modelled). Named in every plan
 * that used it.
 */
export const ASSUMED_FEED_IN_EUR_PER_MWH = 0;

/**
 * Prices that make the optimiser prefer PV hours (issue 4 item 7, PV self-consumption). The day-ahead
 * model prices the EVs' energy at one price per ISP and does not see that surplus PV is worth only its
 * feed-in value, so the site's prices are adjusted: in an ISP with surplus PV (PV above base load),
 * the share of the EVs' possible charging the surplus covers costs the feed-in value, the rest the
 * import price. This is the average price if every EV charged at full power; when they charge less,
 * more of it is covered, so the adjusted price is an upper bound of the true marginal one (an
 * approximation, named in the plan). Limits and the capacity tariff see the PV exactly (net load).
 */
export function pvSelfConsumptionPrices(
  importPricesEurPerMwh: ArrayLike<number>,
  pvKw: ArrayLike<number>,
  baseLoadKw: ArrayLike<number> | undefined,
  chargeCapacityKw: ArrayLike<number>,
  feedInEurPerMwh = ASSUMED_FEED_IN_EUR_PER_MWH,
): Float64Array {
  return Float64Array.from({ length: importPricesEurPerMwh.length }, (_, t) => {
    const price = importPricesEurPerMwh[t];
    const surplusKw = Math.max(0, pvKw[t] - (baseLoadKw?.[t] ?? 0));
    if (surplusKw <= 0 || chargeCapacityKw[t] <= 0) return price;
    const covered = Math.min(1, surplusKw / chargeCapacityKw[t]);
    return covered * feedInEurPerMwh + (1 - covered) * price;
  });
}
