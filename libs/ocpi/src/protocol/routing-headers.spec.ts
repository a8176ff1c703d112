import { routingHeadersOf, routingMismatches } from './routing-headers';

describe('OCPI routing headers (transport_and_format "Message Routing Headers")', () => {
  const cpo = { countryCode: 'NL', partyId: 'ABC' };
  const us = { countryCode: 'NL', partyId: 'VPP' };

  it('names us as sender and the party as receiver on what we send', () => {
    expect(routingHeadersOf({ from: us, to: cpo })).toEqual({
      'ocpi-from-country-code': 'NL',
      'ocpi-from-party-id': 'VPP',
      'ocpi-to-country-code': 'NL',
      'ocpi-to-party-id': 'ABC',
    });
  });

  it('accepts absent headers and matching ones in any case (CiString)', () => {
    expect(routingMismatches({}, cpo, us)).toEqual([]);
    expect(routingMismatches({ 'ocpi-from-party-id': 'abc', 'ocpi-to-party-id': 'vpp', 'ocpi-to-country-code': 'nl' }, cpo, us)).toEqual([]);
  });

  it('lists a sender other than the token owner and a receiver other than us', () => {
    expect(routingMismatches({ 'ocpi-from-party-id': 'XYZ', 'ocpi-to-party-id': 'OTH', 'ocpi-to-country-code': 'DE' }, cpo, us)).toEqual([
      'ocpi-from-party-id: XYZ is not ABC',
      'ocpi-to-country-code: DE is not NL',
      'ocpi-to-party-id: OTH is not VPP',
    ]);
  });
});
