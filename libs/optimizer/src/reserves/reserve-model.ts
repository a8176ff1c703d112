import { Block } from '@vpp/units';

import { LpProblemBuilder, type LpProblem } from '../lp/lp-problem';
import { ReserveModelError, type ReserveBandInput, type ReserveCoOptimisationInput } from './reserve-input';

const ISP_H = 0.25;
const KW_PER_MW = 1000;
const MWH_PER_KWH = 1 / 1000;
export const DEFAULT_FCR_LER_MINUTES = 15;
export const DEFAULT_AFRR_ACTIVATION_MINUTES = 15;

/** Column indices of the model, to read a solution back. */
export interface ReserveModel {
  readonly problem: LpProblem;
  readonly blocks: readonly Block[];
  /** ISP indices (0-based in the day) of each block. */
  readonly blockIsps: readonly (readonly number[])[];
  readonly charge: Int32Array;
  readonly discharge: Int32Array;
  readonly stored: Int32Array;
  /** -1 when the model has no reserves (energy only). */
  readonly fcr: Int32Array;
  readonly afrrUp: Int32Array;
  readonly afrrDown: Int32Array;
}

function checkLength(name: string, values: ArrayLike<number>, n: number): void {
  if (values.length !== n) throw new ReserveModelError(`${name} needs ${n} values (one per ISP of the day), got ${values.length}`);
}

function checkBand(name: string, band: ReserveBandInput, n: number): void {
  checkLength(`${name}.maxPowerKw`, band.maxPowerKw, n);
  checkLength(`${name}.minPowerKw`, band.minPowerKw, n);
  checkLength(`${name}.firmShare`, band.firmShare, n);
}

/**
 * The MILP (minimise EUR):
 *   energy cost at forecast day-ahead prices + degradation - capacity revenue
 *   (price EUR/MW/h x MW x block hours; FCR symmetric, aFRR up and down, whole MW).
 * Per ISP t: charge c_t, discharge d_t >= 0 (grid kW), cumulative stored energy e_t within the
 * battery's bounds, e_t = e_{t-1} + 0.25 (etaC c_t - d_t / etaD).
 * Per ISP t of block b, for each pool (any: FCR + aFRR together; fcr; afrr), with the pool's firm
 * share a_t of the schedule P_t = c_t - d_t:
 *   up:   a_t P_t - firm min power_t >= 1000 x (FCR_b + aFRR up_b)
 *   down: firm max power_t - a_t P_t >= 1000 x (FCR_b + aFRR down_b)
 * and energy for an activation ending in ISP t (checked at each ISP end):
 *   e_t - k_up x 1000 x (FCR_b x LER h + aFRR up_b x aFRR h) >= latest_t
 *   e_t + etaC x 1000 x (FCR_b x LER h + aFRR down_b x aFRR h) <= earliest_t
 * where k_up = 1 / etaD when the pool can discharge in that ISP, else etaC (less charging
 * removes etaC stored kWh per grid kWh).
 */
export function buildReserveModel(input: ReserveCoOptimisationInput, withReserves: boolean): ReserveModel {
  const { day, battery, bands } = input;
  const n = day.ispCount;
  if (battery.isps.length !== n || battery.isps[0]?.start.getTime() !== day.start.getTime()) {
    throw new ReserveModelError(`the battery must cover delivery day ${day.isoDate} ISP by ISP (${n} ISPs)`);
  }
  for (const [name, values] of [
    ['minPowerKw', battery.minPowerKw],
    ['maxPowerKw', battery.maxPowerKw],
    ['earliestEnergyKwh', battery.earliestEnergyKwh],
    ['latestEnergyKwh', battery.latestEnergyKwh],
    ['dayAheadPriceEurPerMwh', input.dayAheadPriceEurPerMwh],
  ] as const) {
    checkLength(name, values, n);
  }
  checkBand('bands.any', bands.any, n);
  checkBand('bands.fcr', bands.fcr, n);
  checkBand('bands.afrr', bands.afrr, n);
  const blocks = Block.allOf(day);
  if (input.blockPrices.length !== blocks.length) throw new ReserveModelError(`blockPrices needs ${blocks.length} blocks, got ${input.blockPrices.length}`);
  const lerH = (input.fcrLerMinutes ?? DEFAULT_FCR_LER_MINUTES) / 60;
  const afrrH = (input.afrrActivationMinutes ?? DEFAULT_AFRR_ACTIVATION_MINUTES) / 60;
  if (!(lerH > 0) || !(afrrH > 0)) throw new ReserveModelError('activation durations must be positive');
  const etaC = battery.chargeEfficiency;
  const etaD = battery.dischargeEfficiency;
  if (!(etaC > 0 && etaC <= 1 && etaD > 0 && etaD <= 1)) throw new ReserveModelError('efficiencies must be in (0, 1]');

  const lp = new LpProblemBuilder({ columns: 3 * n + 18, rows: 16 * n });
  const charge = new Int32Array(n);
  const discharge = new Int32Array(n);
  const stored = new Int32Array(n);
  for (let t = 0; t < n; t += 1) {
    const lo = battery.minPowerKw[t];
    const hi = battery.maxPowerKw[t];
    if (!(lo <= hi)) throw new ReserveModelError(`ISP ${t}: power band ${lo}..${hi} kW is empty`);
    const lower = battery.latestEnergyKwh[t];
    const upper = battery.earliestEnergyKwh[t];
    if (!(lower <= upper + 1e-9)) throw new ReserveModelError(`ISP ${t}: energy bounds ${lower}..${upper} kWh are empty`);
    const priceEurPerKwh = input.dayAheadPriceEurPerMwh[t] * MWH_PER_KWH;
    const wear = battery.degradationCostEurPerKwh * ISP_H;
    charge[t] = lp.addColumn(0, Math.max(0, hi), priceEurPerKwh * ISP_H + wear);
    discharge[t] = lp.addColumn(0, Math.max(0, -lo), -priceEurPerKwh * ISP_H + wear);
    stored[t] = lp.addColumn(lower, Math.max(lower, upper), 0);
    if (lo > 0 || hi < 0) lp.addRow(lo, hi, [charge[t], discharge[t]], [1, -1]);
    const balanceColumns = t === 0 ? [stored[t], charge[t], discharge[t]] : [stored[t], stored[t - 1], charge[t], discharge[t]];
    const balanceValues = t === 0 ? [1, -ISP_H * etaC, ISP_H / etaD] : [1, -1, -ISP_H * etaC, ISP_H / etaD];
    lp.addRow(0, 0, balanceColumns, balanceValues);
  }

  const blockIsps = blocks.map((block) => block.isps().map((isp) => day.ispNumber(isp) - 1));
  const fcr = new Int32Array(blocks.length).fill(-1);
  const afrrUp = new Int32Array(blocks.length).fill(-1);
  const afrrDown = new Int32Array(blocks.length).fill(-1);
  if (withReserves) {
    blocks.forEach((block, b) => {
      const prices = input.blockPrices[b];
      const isps = blockIsps[b];
      // The widest firm band in the block caps the whole MW (keeps the branch and bound small).
      let widest = 0;
      for (const t of isps) widest = Math.max(widest, bands.any.maxPowerKw[t] - bands.any.minPowerKw[t]);
      const cap = (limit: number | undefined): number => Math.min(Math.floor(widest / KW_PER_MW), limit ?? Number.POSITIVE_INFINITY);
      fcr[b] = lp.addColumn(0, cap(input.maxMw?.fcr), -prices.fcrEurPerMwH * block.hours, true);
      afrrUp[b] = lp.addColumn(0, cap(input.maxMw?.afrrUp), -prices.afrrUpEurPerMwH * block.hours, true);
      afrrDown[b] = lp.addColumn(0, cap(input.maxMw?.afrrDown), -prices.afrrDownEurPerMwH * block.hours, true);
      for (const t of isps) addReserveRows(lp, input, t, { charge: charge[t], discharge: discharge[t], stored: stored[t], fcr: fcr[b], up: afrrUp[b], down: afrrDown[b] }, lerH, afrrH);
    });
  }
  return { problem: lp.build(), blocks, blockIsps, charge, discharge, stored, fcr, afrrUp, afrrDown };
}

interface IspColumns {
  readonly charge: number;
  readonly discharge: number;
  readonly stored: number;
  readonly fcr: number;
  readonly up: number;
  readonly down: number;
}

function addReserveRows(lp: LpProblemBuilder, input: ReserveCoOptimisationInput, t: number, c: IspColumns, lerH: number, afrrH: number): void {
  const { battery, bands } = input;
  const powerRows = (band: ReserveBandInput, upColumns: number[], downColumns: number[]): void => {
    const a = band.firmShare[t];
    const kw = (columns: number[]): number[] => columns.map(() => KW_PER_MW);
    // 1000 x MW_up - a (c - d) <= -firm min
    lp.addRow(-Infinity, -band.minPowerKw[t], [...upColumns, c.charge, c.discharge], [...kw(upColumns), -a, a]);
    // 1000 x MW_down + a (c - d) <= firm max
    lp.addRow(-Infinity, band.maxPowerKw[t], [...downColumns, c.charge, c.discharge], [...kw(downColumns), a, -a]);
  };
  powerRows(bands.any, [c.fcr, c.up], [c.fcr, c.down]);
  powerRows(bands.fcr, [c.fcr], [c.fcr]);
  powerRows(bands.afrr, [c.up], [c.down]);
  const upStoredPerKwh = bands.any.minPowerKw[t] < 0 ? 1 / battery.dischargeEfficiency : battery.chargeEfficiency;
  const downStoredPerKwh = battery.chargeEfficiency;
  lp.addRow(battery.latestEnergyKwh[t], Infinity, [c.stored, c.fcr, c.up], [1, -upStoredPerKwh * KW_PER_MW * lerH, -upStoredPerKwh * KW_PER_MW * afrrH]);
  lp.addRow(-Infinity, battery.earliestEnergyKwh[t], [c.stored, c.fcr, c.down], [1, downStoredPerKwh * KW_PER_MW * lerH, downStoredPerKwh * KW_PER_MW * afrrH]);
}
