import { AFRR_ENERGY_NL, FCR_NL, SDAC_NL } from '../test-support/products.fixture';
import { qualificationProblems } from './session-qualification';

describe(qualificationProblems.name, () => {
  const afrr = AFRR_ENERGY_NL[3];

  it.each([
    // product, direction, channel, p95 ms, can discharge, problems
    ['aFRR', 'up', 'ocpp', 300_000, false, []],
    ['aFRR', 'up', 'ocpp', 300_001, false, ['LATENCY_TOO_HIGH']],
    ['aFRR', 'down', 'ocpp', null, false, ['LATENCY_UNMEASURED']],
    ['aFRR', 'up', 'ocpi', 2_000, false, ['CHANNEL_NOT_QUALIFIED']],
    ['FCR', 'symmetric', 'ocpp', 30_001, true, ['LATENCY_TOO_HIGH']],
    ['FCR', 'symmetric', 'ocpp', 1_500, false, []],
    ['SDAC', 'buy', 'ocpi', null, false, []],
    ['SDAC', 'sell', 'ocpi', null, false, ['DISCHARGE_REQUIRED']],
    ['SDAC', 'sell', 'ocpp', 60_000, true, []],
  ] as const)('%s %s over %s (p95 %p ms, discharge %p): %j', (product, direction, channel, latencyP95Ms, canDischarge, problems) => {
    const rules = product === 'aFRR' ? afrr : product === 'FCR' ? FCR_NL : SDAC_NL[2];
    expect(qualificationProblems(rules, direction, { channel, latencyP95Ms, canDischarge })).toEqual(problems);
  });
});
