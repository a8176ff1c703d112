import { Money } from './money';

/**
 * Rounds exact line amounts (which may have either sign) to cents so that the rounded lines sum
 * exactly to the rounded total of the exact lines. Each line is the difference of the rounded
 * running totals, so no line moves by more than a cent from its exact amount and no cent is lost
 * or invented. Use it where lines are not shares of one total by weight (then use
 * `Money.allocate`), e.g. per-ISP or per-block costs under prices of both signs.
 *
 * @throws UnitsError `CURRENCY_MISMATCH` when lines mix currencies.
 */
export function roundLinesToCents(lines: readonly Money[]): Money[] {
  const rounded: Money[] = [];
  if (lines.length === 0) return rounded;
  let exactRunning = lines[0].subtract(lines[0]);
  let roundedRunning = exactRunning;
  for (const line of lines) {
    exactRunning = exactRunning.add(line);
    const nextRounded = exactRunning.roundToCents();
    rounded.push(nextRounded.subtract(roundedRunning));
    roundedRunning = nextRounded;
  }
  return rounded;
}
