import { V2gComplianceRecord, V2gEvse, V2gVehicle, v2gEligibility } from './v2g-eligibility';

const zoe: V2gVehicle = { id: 'ev-1', oem: 'Renault', model: 'R5', v2gCapable: true };
const acEvse: V2gEvse = { id: 'evse-ac', currentType: 'AC', bidirectional: true };
const dcEvse: V2gEvse = { id: 'evse-dc', currentType: 'DC', bidirectional: true };
const record = (over: Partial<V2gComplianceRecord>): V2gComplianceRecord => ({ evseId: 'evse-ac', country: 'NL', vehicleId: null, vehicleOem: null, vehicleModel: null, ...over });

describe(v2gEligibility.name, () => {
  it('AC: eligible when the pair (this vehicle) is recorded for the site country', () => {
    expect(v2gEligibility({ vehicle: zoe, evse: acEvse, siteCountry: 'NL', records: [record({ vehicleId: 'ev-1' })] })).toEqual({ eligible: true });
  });

  it('AC: eligible when the vehicle model is recorded on this EVSE', () => {
    expect(v2gEligibility({ vehicle: zoe, evse: acEvse, siteCountry: 'NL', records: [record({ vehicleOem: 'Renault', vehicleModel: 'R5' })] }).eligible).toBe(true);
  });

  it('AC: an EVSE-only record is not enough (the pair decides)', () => {
    expect(v2gEligibility({ vehicle: zoe, evse: acEvse, siteCountry: 'NL', records: [record({})] })).toEqual({ eligible: false, reason: 'not_compliant' });
  });

  it('AC: the same car across the border is not compliant (site country counts)', () => {
    expect(v2gEligibility({ vehicle: zoe, evse: acEvse, siteCountry: 'DE', records: [record({ vehicleId: 'ev-1' })] }).eligible).toBe(false);
  });

  it('AC: another car of another model on the same EVSE is not compliant', () => {
    const other: V2gVehicle = { id: 'ev-2', oem: 'Hyundai', model: 'Ioniq 5', v2gCapable: true };
    expect(v2gEligibility({ vehicle: other, evse: acEvse, siteCountry: 'NL', records: [record({ vehicleId: 'ev-1' }), record({ vehicleOem: 'Renault', vehicleModel: 'R5' })] }).eligible).toBe(false);
  });

  it('DC: the EVSE record alone suffices', () => {
    expect(v2gEligibility({ vehicle: zoe, evse: dcEvse, siteCountry: 'NL', records: [record({ evseId: 'evse-dc' })] })).toEqual({ eligible: true });
  });

  it.each([
    ['EVSE not bidirectional', { vehicle: zoe, evse: { ...dcEvse, bidirectional: false } }, 'evse_not_bidirectional'],
    ['vehicle unknown', { vehicle: null, evse: dcEvse }, 'vehicle_unknown'],
    ['vehicle not V2G capable', { vehicle: { ...zoe, v2gCapable: false }, evse: dcEvse }, 'vehicle_not_v2g_capable'],
  ] as const)('refuses: %s', (_name, input, reason) => {
    expect(v2gEligibility({ ...input, siteCountry: 'NL', records: [record({ evseId: 'evse-dc' })] })).toEqual({ eligible: false, reason });
  });
});
