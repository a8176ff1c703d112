import { ConfigError, parseConfig } from '@vpp/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('simulator configuration (SIMULATOR_*)', () => {
  it('defaults to two CPOs and two stations against the local connector and api, with no key', () => {
    const sut = parseConfig({}).simulator;

    expect(sut).toMatchObject({ connectorUrl: 'http://127.0.0.1:3001', apiUrl: 'http://127.0.0.1:3000', apiKey: undefined });
    expect(sut.cpo).toMatchObject({ count: 2, partyIds: undefined, tokensA: undefined });
    expect(sut.ocpp).toMatchObject({ stations: 2, stationPrefix: 'SIM', fleetId: undefined, siteId: undefined });
  });

  it('splits the per-CPO lists', () => {
    const sut = parseConfig({ SIMULATOR_CPOS: '2', SIMULATOR_CPO_PARTY_IDS: 'SA1,SB2', SIMULATOR_CPO_TOKENS_A: 'tokA,tokB' }).simulator.cpo;

    expect([sut.partyIds, sut.tokensA]).toEqual([['SA1', 'SB2'], ['tokA', 'tokB']]);
  });

  it('refuses lists that do not match SIMULATOR_CPOS, tokens without party ids, and a fleet without a site', () => {
    expect(problemsOf({ SIMULATOR_CPOS: '3', SIMULATOR_CPO_PARTY_IDS: 'SA1,SB2' })).toEqual([
      'SIMULATOR_CPO_PARTY_IDS: must list 3 party ids (SIMULATOR_CPOS), not 2',
    ]);
    expect(problemsOf({ SIMULATOR_CPOS: '1', SIMULATOR_CPO_TOKENS_A: 'tokA' })).toEqual([
      'SIMULATOR_CPO_PARTY_IDS: required with SIMULATOR_CPO_TOKENS_A (each token A was issued for one party)',
    ]);
    expect(problemsOf({ SIMULATOR_CPOS: '2', SIMULATOR_CPO_PARTY_IDS: 'SA1,SA1' })).toEqual(['SIMULATOR_CPO_PARTY_IDS: must not repeat a party id']);
    expect(problemsOf({ SIMULATOR_OCPP_FLEET_ID: '7b0f6c9e-8d1a-4c55-9a43-0c6f1e2d3b4a' })).toEqual(['SIMULATOR_OCPP_FLEET_ID, SIMULATOR_OCPP_SITE_ID: set both or neither']);
    expect(problemsOf({ SIMULATOR_OCPP_PASSWORD: 'short', SIMULATOR_CPO_PARTY_IDS: 'toolong' })).toHaveLength(2);
  });
});
