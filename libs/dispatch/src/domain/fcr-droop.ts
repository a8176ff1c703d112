/**
 * FCR droop (MARKETS.md section 1, SO GL Annex V): P = -P_contracted x df / 200 mHz, nothing inside the
 * +-10 mHz deadband, clamped to +-P_contracted.
 * `rampFrom` is the implementation choice the rules leave open:
 * - 'zero' (default): outside the deadband the response is proportional to the whole deviation, so it
 *   jumps to 5 % at 10 mHz and is 100 % at 200 mHz (the plain SO GL formula with an insensitivity band).
 * - 'deadband': the ramp starts at the deadband edge, 0 % at 10 mHz to 100 % at 200 mHz (no jump).
 * Check the national PQ conditions before choosing; both reach full activation at 200 mHz.
 */
export interface FcrDroopConfig {
  readonly nominalHz: number;
  readonly deadbandHz: number;
  readonly fullActivationHz: number;
  readonly rampFrom: 'zero' | 'deadband';
}

export const DEFAULT_FCR_DROOP: FcrDroopConfig = { nominalHz: 50, deadbandHz: 0.01, fullActivationHz: 0.2, rampFrom: 'zero' };

/**
 * Up-regulation the FCR obligation asks for, in kW (positive = less consumption / more generation, as
 * when the frequency is low). Frequencies are floats: a control signal, not a settled quantity.
 */
export function fcrDroopUpKw(frequencyHz: number, contractedKw: number, config: FcrDroopConfig = DEFAULT_FCR_DROOP): number {
  if (!Number.isFinite(frequencyHz) || contractedKw <= 0) return 0;
  const df = frequencyHz - config.nominalHz;
  const magnitude = Math.abs(df);
  // A tolerance of a nano-hertz keeps 50.01 Hz (written as a float) inside the deadband.
  if (magnitude <= config.deadbandHz + 1e-9) return 0;
  const share = config.rampFrom === 'zero' ? magnitude / config.fullActivationHz : (magnitude - config.deadbandHz) / (config.fullActivationHz - config.deadbandHz);
  const clamped = Math.min(1, share);
  return df < 0 ? clamped * contractedKw : -clamped * contractedKw;
}
