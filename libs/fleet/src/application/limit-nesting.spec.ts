import { PowerKw } from '@vpp/units';
import { FleetAssetError } from './fleet-asset.errors';
import { assertEvsesNest, assertSiteLimitsNest } from './limit-nesting';

const kw = (text: string): PowerKw => PowerKw.fromString(text);

function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof FleetAssetError ? error.code : 'other';
  }
}

describe('limit nesting (fuse -> site -> EVSE)', () => {
  it('accepts site limits up to the fuse, and any limits without a known fuse', () => {
    expect(codeOf(() => assertSiteLimitsNest({ importLimitKw: kw('200'), exportLimitKw: kw('0'), fuseLimitKw: kw('200') }))).toBeNull();
    expect(codeOf(() => assertSiteLimitsNest({ importLimitKw: kw('5000'), exportLimitKw: kw('5000'), fuseLimitKw: null }))).toBeNull();
  });

  it.each([
    ['import', { importLimitKw: kw('200.001'), exportLimitKw: kw('10'), fuseLimitKw: kw('200') }],
    ['export', { importLimitKw: kw('10'), exportLimitKw: kw('250'), fuseLimitKw: kw('200') }],
  ])('refuses an %s limit above the fuse', (_name, limits) => {
    expect(codeOf(() => assertSiteLimitsNest(limits))).toBe('LIMITS_NOT_NESTED');
  });

  it('checks each EVSE against the tighter of site import limit and fuse', () => {
    const limits = { importLimitKw: kw('50'), exportLimitKw: kw('0'), fuseLimitKw: kw('40') };
    expect(codeOf(() => assertEvsesNest([{ label: 'EVSE 1', maxPowerKw: kw('40') }], limits))).toBeNull();
    expect(codeOf(() => assertEvsesNest([{ label: 'EVSE 1', maxPowerKw: kw('22') }, { label: 'EVSE 2', maxPowerKw: kw('40.001') }], limits))).toBe('LIMITS_NOT_NESTED');
    expect(codeOf(() => assertEvsesNest([{ label: 'EVSE 1', maxPowerKw: kw('350') }], null))).toBeNull();
  });
});
