import { Decimal } from '@vpp/units';
import type { NotifyEVChargingNeedsRequest } from '../protocol/ocpp-messages';
import { decimalFromWire, wattsToKw } from './wire-number';

/** What an EV told the station it needs (ISO 15118 via NotifyEVChargingNeeds), in our units. */
export interface EvChargingNeeds {
  readonly departureAt: Date | null;
  readonly energyNeedKwh: Decimal | null;
  readonly targetSocPct: Decimal | null;
  readonly maxChargePowerKw: Decimal | null;
  /** Magnitude (>= 0) of the discharge power the EV offers; null when it offers none. */
  readonly maxDischargePowerKw: Decimal | null;
  /** True when the EV requested or offers a bidirectional transfer mode (AC_BPT, DC_BPT...). */
  readonly bidirectional: boolean;
}

const BPT_MODES = /BPT/;

function optional(value: number | undefined): Decimal | null {
  return value === undefined ? null : decimalFromWire(value);
}

/**
 * Energy amount and powers are in Wh and W (OCPP 2.0.1 Part 2 ACChargingParametersType,
 * DCChargingParametersType; 2.1 V2XChargingParametersType). 2.1's evTargetEnergyRequest wins
 * over the AC/DC energyAmount because it is what the EV asks for in V2X sessions.
 */
export function readChargingNeeds(request: NotifyEVChargingNeedsRequest): EvChargingNeeds {
  const needs = request.chargingNeeds;
  const v2x = needs.v2xChargingParameters;
  const energyWh = optional(v2x?.evTargetEnergyRequest ?? needs.acChargingParameters?.energyAmount ?? needs.dcChargingParameters?.energyAmount);
  const maxChargeW = optional(v2x?.maxChargePower ?? needs.dcChargingParameters?.evMaxPower);
  // 2.1 gives maxDischargePower as a positive magnitude in W.
  const maxDischargeW = optional(v2x?.maxDischargePower);
  const modes = [needs.requestedEnergyTransfer, ...(needs.availableEnergyTransfer ?? [])];
  return {
    departureAt: needs.departureTime ? new Date(needs.departureTime) : null,
    energyNeedKwh: energyWh ? wattsToKw(energyWh) : null,
    targetSocPct: optional(v2x?.targetSoC),
    maxChargePowerKw: maxChargeW ? wattsToKw(maxChargeW) : null,
    maxDischargePowerKw: maxDischargeW && maxDischargeW.greaterThan(0) ? wattsToKw(maxDischargeW).abs() : null,
    bidirectional: modes.some((m) => BPT_MODES.test(m)),
  };
}
