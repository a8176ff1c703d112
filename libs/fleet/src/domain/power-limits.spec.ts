import { PowerKw } from '@vpp/units';
import { SessionPowerLimits, effectiveMaxPowerKw } from './power-limits';

const kw = (v: string) => PowerKw.fromString(v);
const limits = (over: Partial<SessionPowerLimits>): SessionPowerLimits => ({
  vehicleMaxKw: null, evseMaxKw: kw('22'), siteImportLimitKw: null, fuseLimitKw: null, concurrentSessionsAtSite: 1, ...over,
});

describe(effectiveMaxPowerKw.name, () => {
  it.each<[string, Partial<SessionPowerLimits>, string]>([
    ['EVSE alone', {}, '22'],
    ['EV slower than EVSE (1-phase OBC)', { vehicleMaxKw: kw('7.4') }, '7.4'],
    ['site limit shared by 4 sessions: 40 / 4 = 10', { siteImportLimitKw: kw('40'), concurrentSessionsAtSite: 4 }, '10'],
    ['fuse tighter than site: min(40, 17.3) / 1', { siteImportLimitKw: kw('40'), fuseLimitKw: kw('17.3') }, '17.3'],
    ['fuse share below EV: 17.3 / 3 = 5.7666...', { vehicleMaxKw: kw('11'), fuseLimitKw: kw('17.3'), concurrentSessionsAtSite: 3 }, '5.766666666666666666666666666666666666667'],
    ['zero sessions counted as one', { siteImportLimitKw: kw('11'), concurrentSessionsAtSite: 0 }, '11'],
  ])('%s', (_name, over, expected) => {
    expect(effectiveMaxPowerKw(limits(over)).value.toFixed()).toBe(expected);
  });
});
