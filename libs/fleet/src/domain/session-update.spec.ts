import { EnergyKwh } from '@vpp/units';
import { SessionState, applySessionUpdate } from './session-update';

const t = (iso: string) => new Date(iso);
const aSession = (over: Partial<SessionState> = {}): SessionState => ({
  fleetId: 'f', evseId: 'e', vehicleId: null, arrivalAt: t('2026-03-02T08:00:00Z'), expectedDepartureAt: t('2026-03-02T17:00:00Z'),
  actualDepartureAt: null, energyNeedKwh: EnergyKwh.fromString('20'), targetSocPct: null, minSocPct: null, energyDeliveredKwh: EnergyKwh.fromString('5'),
  maxPowerKw: null, minPowerKw: null, status: 'charging', controlChannel: 'ocpi', canDischarge: false, externalUpdatedAt: t('2026-03-02T09:00:00Z'), ...over,
});

describe(applySessionUpdate.name, () => {
  it('ignores an update older than the data held (reordered PATCH)', () => {
    expect(applySessionUpdate(aSession(), { energyDeliveredKwh: EnergyKwh.fromString('1') }, t('2026-03-02T08:30:00Z'))).toEqual({ kind: 'ignored_older' });
  });

  it('re-applies an equal stamp (duplicate) with the same result', () => {
    const update = { energyDeliveredKwh: EnergyKwh.fromString('6') };
    const once = applySessionUpdate(aSession(), update, t('2026-03-02T09:10:00Z'));
    if (once.kind !== 'applied') throw new Error('expected applied');
    const twice = applySessionUpdate(once.next, update, t('2026-03-02T09:10:00Z'));
    expect(twice).toEqual(once);
  });

  it('keeps fields the update leaves undefined and clears those set to null', () => {
    const out = applySessionUpdate(aSession(), { expectedDepartureAt: null }, t('2026-03-02T10:00:00Z'));
    expect(out.kind === 'applied' && out.next.expectedDepartureAt).toBeNull();
    expect(out.kind === 'applied' && out.next.energyNeedKwh?.value.toFixed()).toBe('20');
  });

  it('revives a stale session as plugged in when fresh data arrives without a status', () => {
    const out = applySessionUpdate(aSession({ status: 'stale' }), { energyDeliveredKwh: EnergyKwh.fromString('7') }, t('2026-03-02T12:00:00Z'));
    expect(out.kind === 'applied' && out.next.status).toBe('plugged_in');
  });

  it('flags a zero energy need instead of refusing the update', () => {
    const out = applySessionUpdate(aSession(), { energyNeedKwh: EnergyKwh.zero() }, t('2026-03-02T10:00:00Z'));
    expect(out.kind === 'applied' && out.unusableReason).toBe('zero_energy_need');
  });

  it('never reopens a finished session', () => {
    expect(() => applySessionUpdate(aSession({ status: 'finished' }), { status: 'charging' }, t('2026-03-02T10:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'INVALID_SESSION_TRANSITION' }),
    );
  });
});
