import { z } from 'zod';
import { Decimal, parseDecimal, PowerKw } from '@vpp/units';
import type { VehicleState } from '../domain/vehicle-state';

/**
 * The generic OEM REST/webhook profile: snake_case JSON, decimals as strings or JSON numbers
 * (read through their text, never through a float), instants as ISO-8601 with offset.
 */
const decimalText = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    try {
      return parseDecimal(typeof value === 'number' ? value.toString() : value);
    } catch {
      // Fatal: the range refinements after it would otherwise run on no value and throw a TypeError.
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not a decimal', fatal: true });
      return z.NEVER;
    }
  });

const socPercent = decimalText.refine((soc: Decimal) => soc.gte(0) && soc.lte(100) && soc.decimalPlaces() <= 2, 'soc_percent must be 0-100 with at most 2 decimals');
const instant = z.string().datetime({ offset: true }).transform((text) => new Date(text));

export const vehicleStateWireSchema = z.object({
  soc_percent: socPercent,
  plugged_in: z.boolean(),
  charging_power_kw: decimalText.refine((kw: Decimal) => kw.abs().lte(1000) && kw.decimalPlaces() <= 3, 'charging_power_kw out of range'),
  observed_at: instant,
  // The car's own counter of the energy added since plug-in (kWh); optional: not every OEM reports it.
  charge_energy_added_kwh: decimalText
    .refine((kwh: Decimal) => kwh.gte(0) && kwh.lte(1000) && kwh.decimalPlaces() <= 3, 'charge_energy_added_kwh must be 0-1000 kWh with at most 3 decimals')
    .optional(),
  location: z.object({ latitude: decimalText, longitude: decimalText }).optional(),
});

export function toVehicleState(wire: z.infer<typeof vehicleStateWireSchema>): VehicleState {
  return {
    socPct: wire.soc_percent,
    pluggedIn: wire.plugged_in,
    chargingPower: PowerKw.of(wire.charging_power_kw),
    observedAt: wire.observed_at,
    ...(wire.charge_energy_added_kwh === undefined ? {} : { chargeEnergyAddedKwh: wire.charge_energy_added_kwh }),
    ...(wire.location ? { location: wire.location } : {}),
  };
}

export const commandReceiptWireSchema = z.object({ command_id: z.string().min(1).max(200), accepted_at: instant });

export const oauthTokenWireSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive().optional() });

/** Webhook bodies: a new vehicle state, or the result of a command we sent. */
export const webhookWireSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vehicle.state'), delivery_id: z.string().min(1).max(200), vehicle_id: z.string().min(1).max(200), state: vehicleStateWireSchema }),
  z.object({
    type: z.literal('command.result'),
    delivery_id: z.string().min(1).max(200),
    vehicle_id: z.string().min(1).max(200),
    command: z.object({ request_id: z.string().uuid(), status: z.enum(['applied', 'failed']), applied_at: instant }),
  }),
]);

export type OemWebhook = z.infer<typeof webhookWireSchema>;
