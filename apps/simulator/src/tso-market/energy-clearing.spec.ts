import { Decimal } from '@vpp/units';
import { AFRR_ENERGY_STAND_IN_LABEL, clearAfrrEnergy } from './energy-clearing';

const d = (value: string): Decimal => new Decimal(value);
const activation = { ispStart: new Date('2023-06-28T16:00:00Z'), upEurPerMwh: d('180.5'), downEurPerMwh: d('-12.3'), source: 'imbalance-prices-nl-2023-15min.csv' };

describe(clearAfrrEnergy.name, () => {
  it.each([
    // direction, bid price, activated MW, paid price: up clears at or below the up price, down at or above the down price
    ['up', '180.5', '2', '180.5'],
    ['up', '180.51', '0', '180.5'],
    ['up', '-50', '2', '180.5'],
    ['down', '-12.3', '2', '-12.3'],
    ['down', '-12.31', '0', '-12.3'],
    ['down', '95', '2', '-12.3'],
  ] as const)('%s bid at %s EUR/MWh: %s MW activated at %s', (direction, price, mw, paid) => {
    const cleared = clearAfrrEnergy({ direction, quantityMw: d('2'), price: d(price) }, activation);
    expect([cleared.quantityMw.toFixed(), cleared.price.toFixed()]).toEqual([mw, paid]);
  });

  it('labels every result as derived from the imbalance price, with its source', () => {
    const cleared = clearAfrrEnergy({ direction: 'up', quantityMw: d('1'), price: d('10') }, activation);
    expect(cleared.labels).toEqual([AFRR_ENERGY_STAND_IN_LABEL, 'source: imbalance-prices-nl-2023-15min.csv']);
  });
});
