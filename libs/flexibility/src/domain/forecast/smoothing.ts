/**
 * Spreads each slot's value over its neighbours with a triangular kernel of half-width `h`
 * (weights h + 1 - |k| for k = -h..h), renormalised over the slots that exist on that day, so
 * the day's total is kept exactly. Sparse sites see an arrival at 08:10 one week and 08:20 the
 * next; without spreading the per-ISP quantiles would be mostly zeros. h = 0 leaves values as
 * they are. `present[s]` is false for slots the day does not have (spring DST gap).
 */
export function spreadOverNeighbours(values: Float64Array, present: Uint8Array, halfWidth: number): Float64Array {
  if (halfWidth <= 0) return Float64Array.from(values);
  const n = values.length;
  const out = new Float64Array(n);
  for (let s = 0; s < n; s += 1) {
    const v = values[s];
    if (v === 0) continue;
    let total = 0;
    for (let k = -halfWidth; k <= halfWidth; k += 1) {
      const t = s + k;
      if (t >= 0 && t < n && present[t] !== 0) total += halfWidth + 1 - Math.abs(k);
    }
    for (let k = -halfWidth; k <= halfWidth; k += 1) {
      const t = s + k;
      if (t >= 0 && t < n && present[t] !== 0) out[t] += (v * (halfWidth + 1 - Math.abs(k))) / total;
    }
  }
  return out;
}
