import { toVehicleState, vehicleStateWireSchema, webhookWireSchema } from './oem-wire.schemas';

const base = { soc_percent: '55.50', plugged_in: true, charging_power_kw: '7.200', observed_at: '2026-11-26T10:00:00Z' };

function issues(body: unknown): string[] {
  const parsed = vehicleStateWireSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('vehicle state wire: charge_energy_added_kwh (the car\'s charged-energy counter)', () => {
  it('reads it through its text, from a string or a JSON number, into the state', () => {
    expect(toVehicleState(vehicleStateWireSchema.parse({ ...base, charge_energy_added_kwh: '12.345' })).chargeEnergyAddedKwh?.toFixed()).toBe('12.345');
    expect(toVehicleState(vehicleStateWireSchema.parse({ ...base, charge_energy_added_kwh: 0.1 })).chargeEnergyAddedKwh?.toFixed()).toBe('0.1');
    expect(toVehicleState(vehicleStateWireSchema.parse({ ...base, charge_energy_added_kwh: '0' })).chargeEnergyAddedKwh?.toFixed()).toBe('0');
    expect(toVehicleState(vehicleStateWireSchema.parse({ ...base, charge_energy_added_kwh: '1000' })).chargeEnergyAddedKwh?.toFixed()).toBe('1000');
  });

  it('stays absent when the OEM sends none', () => {
    const state = toVehicleState(vehicleStateWireSchema.parse(base));
    expect(state.chargeEnergyAddedKwh).toBeUndefined();
    expect('chargeEnergyAddedKwh' in state).toBe(false);
  });

  it.each([
    ['negative', '-0.001'],
    ['above 1000 kWh', '1000.001'],
    ['more than 3 decimals', '1.2345'],
  ])('refuses a counter %s with a message naming the field and its bounds', (_name, value) => {
    expect(issues({ ...base, charge_energy_added_kwh: value })).toEqual(['charge_energy_added_kwh: charge_energy_added_kwh must be 0-1000 kWh with at most 3 decimals']);
  });

  it.each([
    ['text that is no decimal', 'twelve'],
    ['a float spelling', 'NaN'],
  ])('refuses %s as not a decimal', (_name, value) => {
    expect(issues({ ...base, charge_energy_added_kwh: value })).toEqual(['charge_energy_added_kwh: not a decimal']);
  });

  it('a malformed decimal in a field with a range (power, SoC) is an issue too, not a TypeError from the range check', () => {
    expect(issues({ ...base, charging_power_kw: 'fast' })).toEqual(['charging_power_kw: not a decimal']);
    expect(issues({ ...base, soc_percent: 'full' })).toEqual(['soc_percent: not a decimal']);
  });

  it.each([
    ['null', null],
    ['a boolean', true],
    ['an object', { kwh: '1' }],
  ])('refuses %s', (_name, value) => {
    const found = issues({ ...base, charge_energy_added_kwh: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^charge_energy_added_kwh: /);
  });

  it('is checked inside a vehicle.state webhook as well', () => {
    const parsed = webhookWireSchema.safeParse({ type: 'vehicle.state', delivery_id: 'd-1', vehicle_id: 'car-1', state: { ...base, charge_energy_added_kwh: '-1' } });
    expect(parsed.success).toBe(false);
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))).toEqual(['state.charge_energy_added_kwh']);
  });
});
