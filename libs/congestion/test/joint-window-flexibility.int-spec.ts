import { ReservationLedger } from '@vpp/flexibility';
import { DeliveryDay, parseDecimal } from '@vpp/units';
import { seedOrganisation } from '../../../test/access/access-test-app';
import { aPooledSite, aPortfolio, aStoredPlan, PooledSite } from '../../../test/congestion/congestion-fixtures';
import { CONGESTION_FLEXIBILITY_PROVIDER, CongestionFlexibilityProvider, ConnectionFlexibilityQuery } from '../src';
import { CongestionTestApp, startCongestionTestApp } from './congestion-test-app';

jest.setTimeout(120_000);

/**
 * The window of ISPs a request asks for together, threaded from the provider to the sessions:
 * 2 EVs of 11 kW plugged in ISPs 41..56, the stored plan charging both fully in 44..53, so each has
 * 6 ISPs x 11 kW free (41..43, 54..56) to make a stop up in. Each of 44..51 alone could stop
 * (22 kW); all eight at once only as far as 66 kW per EV reach: 8.25 kW per EV and ISP.
 */
describe('flexibility for the ISPs a request asks for together (plan + ledger, real PostgreSQL)', () => {
  let test: CongestionTestApp;
  let portfolioId: string;
  let site: PooledSite;
  const day = DeliveryDay.containing(new Date()).plusDays(2);
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const rounded = (values: Float64Array, isps: readonly number[]): number[] => isps.map((isp) => Math.round(values[isp - 1] * 1000) / 1000);

  beforeAll(async () => {
    test = await startCongestionTestApp('congestion_joint_window');
    const operator = await seedOrganisation(test.dataSource, 'operator');
    portfolioId = await aPortfolio(test.dataSource, operator.organisationId, ['congestion'], { congestion: '1000' });
    site = await aPooledSite(test.dataSource, operator.organisationId, portfolioId, day, { count: 2, evseKw: '11', fromIsp: 41, toIsp: 56, needKwh: '27.5' });
    await aStoredPlan(test.dataSource, portfolioId, day, new Date(), [{ site, kw: '11', isps: range(44, 53) }]);
    await test.app.get(ReservationLedger).setAvailability(
      portfolioId,
      range(41, 56).flatMap((isp) => (['up', 'down'] as const).map((direction) => ({ ispStart: day.ispAt(isp).start, direction, availableKw: parseDecimal('100') }))),
    );
  });

  afterAll(async () => {
    await test?.close();
  });

  it('offers the requested ISPs only what the sessions can make up outside them, spread evenly', async () => {
    const provider = test.app.get<CongestionFlexibilityProvider>(CONGESTION_FLEXIBILITY_PROVIDER);
    const point = `ean.${site.ean}`;
    const alone = await provider.flexibilityAt(point, day.isoDate, new Date());
    expect(rounded(alone.downKw, range(44, 51))).toEqual(Array(8).fill(22));
    const together = await provider.flexibilityAt(point, day.isoDate, new Date(), range(44, 51));
    expect(rounded(together.downKw, range(44, 51))).toEqual(Array(8).fill(16.5));
    // Not asked for: nothing offered there.
    expect(rounded(together.downKw, [43, 52, 53])).toEqual([0, 0, 0]);
    expect(together.portfolios?.map((p) => rounded(p.downKw, [44, 51]))).toEqual([[16.5, 16.5]]);
  });

  it('gives a window of one ISP the figure of that ISP alone (as an IDCONS event of one ISP reads it)', async () => {
    const query = test.app.get(ConnectionFlexibilityQuery);
    const alone = await query.ofPortfolio(portfolioId, day, null, { now: new Date() });
    const one = await query.ofPortfolio(portfolioId, day, null, { now: new Date(), window: [47] });
    expect(one.connections.map((c) => [c.ean, rounded(c.downKw, [48]), rounded(c.upKw, [48])])).toEqual(
      alone.connections.map((c) => [c.ean, rounded(c.downKw, [48]), rounded(c.upKw, [48])]),
    );
    expect(rounded(one.connections[0].downKw, [48])).toEqual([22]);
  });
});
