import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Award, AwardStore } from '@vpp/markets';
import { eventually } from '@vpp/testing';
import { Decimal, DeliveryDay, TimeRange } from '@vpp/units';
import { PlanWorld, writePriceFile } from '../../libs/flexibility/test/plan-fixtures';
import { anAward } from '../gateways/gateways-fixtures';
import { PORTFOLIO_0, seedWorld } from '../settlement/settlement-fixture';
import { countOf, Journey, Party, settleDay, startJourney } from './journey-kit';

jest.setTimeout(120_000);

const DAY = DeliveryDay.containing(new Date()).plusDays(-2);
const TOMORROW = DeliveryDay.containing(new Date()).next();
const isp = (n: number): Date => DAY.ispAt(n).start;

// Journey (issue 8, item 3): a BRP, onboarded by the operator and linked to its party code over
// the API, reads the per-ISP positions of the portfolio in its perimeter (JSON and CSV) and the
// imbalance adjustment of the day once the settlement pipeline (close-day job through the queue)
// settled it; another BRP and other roles see nothing of it. TEST DATA: the day's sessions,
// baselines, meter values and prices are the settlement fixture's (hand-computed), and the
// awards are written as the gateways store collected results (AwardStore); the fixture portfolio
// gets the BRP's code as its BRP reference. Tomorrow's nominated schedule is the plan the operator
// asks for over the API, run by the planner job through the queue, of a second portfolio with one
// plugged-in EV needing 30 kWh (the plans spec's PlanWorld) and hand-made hourly prices.
describe('journey: a BRP reads its schedule and imbalance adjustments', () => {
  let journey: Journey;
  let brp: Party;
  let otherBrp: Party;
  let fleetOwner: Party;
  let planned: PlanWorld;
  let prices: string;
  const code = `871${randomUUID().replace(/\D/g, '').slice(0, 10)}`;
  const positionsPath = (format = 'json') => `/v1/brp/portfolios/${PORTFOLIO_0}/positions?deliveryDay=${DAY.isoDate}&format=${format}`;
  const award = (market: Award['market'], direction: Award['direction'], from: number, to: number, mw: string, labels: string[]): Award =>
    anAward(PORTFOLIO_0, market, direction, TimeRange.of(isp(from), DAY.ispAt(to).end), mw, labels);

  beforeAll(async () => {
    prices = writePriceFile([TOMORROW, TOMORROW.plusDays(-7)].map((d) => ({ isoDate: d.isoDate, priceAtUtcHour: (h: number) => 50 + h })));
    journey = await startJourney('brp', { PLANNING_DAY_AHEAD_PRICE_FILES: prices });
    brp = await journey.onboard('brp', 'Journey BRP');
    otherBrp = await journey.onboard('brp', 'Journey Other BRP');
    fleetOwner = await journey.onboard('fleet_owner', 'Journey Fleet Owner');
    await seedWorld(journey.dataSource, DAY, 0);
    planned = await new PlanWorld(journey.dataSource, ['day_ahead'], journey.operator.organisationId).create();
    const evseId = await planned.evse(await planned.site(22), 11);
    await planned.session({ evseId, arrival: new Date(Date.now() - 3_600_000).toISOString(), departure: TOMORROW.ispAt(41).start.toISOString(), needKwh: 30 });
    await journey.dataSource.query(`UPDATE portfolios SET brp_reference = $1 WHERE id = ANY($2::uuid[])`, [code, [PORTFOLIO_0, planned.portfolioId]]);
  });

  afterAll(async () => {
    await journey?.close();
    await rm(prices, { force: true });
  });

  it('is linked to its party code by the operator; a BRP cannot link codes itself', async () => {
    const codes = `SELECT count(*) AS n FROM brp_party_codes`;
    const refused = await journey.as(brp.key, 'POST', '/v1/brp-party-codes', { organisationId: brp.organisationId, code: `${code}9` });
    expect(refused.status).toBe(403);
    expect(await countOf(journey.dataSource, codes)).toBe(0);
    const linked = await journey.as(journey.operator.key, 'POST', '/v1/brp-party-codes', { organisationId: brp.organisationId, code });
    expect(linked.status).toBe(201);
    // The code is the first BRP's: linking it to another is a conflict, and writes nothing.
    expect((await journey.as(journey.operator.key, 'POST', '/v1/brp-party-codes', { organisationId: otherBrp.organisationId, code })).status).toBe(409);
    expect(await countOf(journey.dataSource, codes)).toBe(1);
  });

  it('reads the per-ISP schedule of its portfolio: awarded positions per market, as JSON and CSV', async () => {
    // Day-ahead: 0.4 MW bought in ISPs 1-4; FCR: 1 MW in ISPs 1-16 (its price labelled assumed).
    await journey.dataSource.transaction((manager) =>
      new AwardStore().insert(
        manager,
        `gate.journey.${DAY.isoDate}`,
        [award('day-ahead', 'buy', 1, 4, '0.4', []), award('fcr', 'symmetric', 1, 16, '1', ['FCR clearing price ASSUMED'])],
        new Date(),
      ),
    );

    const listed = await journey.as(brp.key, 'GET', '/v1/brp/portfolios');
    expect(listed.status).toBe(200);
    expect((listed.body.portfolios as { portfolioId: string; brpReference: string }[]).map((p) => [p.portfolioId, p.brpReference]).sort()).toEqual(
      [[PORTFOLIO_0, code], [planned.portfolioId, code]].sort(),
    );
    const positions = await journey.as(brp.key, 'GET', positionsPath());
    expect(positions.status).toBe(200);
    const body = positions.body as unknown as { brpReference: string; flags: string[]; labels: string[]; isps: { isp: number; dayAheadMw: string; fcrMw: string }[] };
    expect(body.isps).toHaveLength(DAY.isps().length);
    expect([body.brpReference, body.labels]).toEqual([code, ['FCR clearing price ASSUMED']]);
    // No plan and no activation of this day were recorded: said so, not made up.
    expect(body.flags).toEqual(['no_plan_stored', 'no_activations_recorded']);
    expect([1, 4, 5, 16, 17].map((n) => [body.isps[n - 1].dayAheadMw, body.isps[n - 1].fcrMw])).toEqual([['0.4', '1'], ['0.4', '1'], ['0', '1'], ['0', '1'], ['0', '0']]);

    const csv = await journey.download(brp.key, positionsPath('csv'));
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(DAY.isps().length + 1);
    expect(lines[1].split(',').slice(0, 7)).toEqual(['1', isp(1).toISOString(), DAY.ispAt(1).end.toISOString(), '', '0.4', '0', '1']);
  });

  it('reads tomorrow\'s nominated schedule once the operator had it planned (the planner job through the queue)', async () => {
    const path = `/v1/brp/portfolios/${planned.portfolioId}/positions?deliveryDay=${TOMORROW.isoDate}`;
    expect((await journey.as(brp.key, 'GET', path)).body.flags).toContain('no_plan_stored');
    const requested = await journey.as(journey.operator.key, 'POST', `/v1/portfolios/${planned.portfolioId}/plans`, { deliveryDay: TOMORROW.isoDate });
    expect(requested.status).toBe(202);
    const run = await eventually(async () => {
      const answer = await journey.as(journey.operator.key, 'GET', `/v1/portfolios/${planned.portfolioId}/plans/${String(requested.body.runId)}`);
      return ['completed', 'failed'].includes(String(answer.body.status)) ? answer.body : undefined;
    }, 'the plan run finished', 90_000);
    expect(run.status).toBe('completed');

    const positions = await journey.as(brp.key, 'GET', path);
    expect(positions.status).toBe(200);
    const body = positions.body as unknown as { flags: string[]; isps: { nominatedKw: string | null }[] };
    expect(body.flags).toEqual(['no_activations_recorded']);
    expect(body.isps).toHaveLength(TOMORROW.isps().length);
    // The schedule carries the EV's 30 kWh (kW x 0.25 h per ISP), as the plan stored it.
    const kwh = body.isps.reduce((sum, i) => sum.plus(new Decimal(i.nominatedKw ?? '0').times('0.25')), new Decimal(0));
    expect(kwh.minus(30).abs().lessThan('0.01')).toBe(true);
    expect(body.isps.every((i) => i.nominatedKw !== null)).toBe(true);
  });

  it('reads the imbalance adjustment of the day once it is settled, priced per ISP', async () => {
    // Before the pipeline closed the day: not settled, no amount (never an empty day priced at zero).
    const before = (await journey.as(brp.key, 'GET', `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`)).body as unknown as { portfolioId: string }[];
    expect(before.find((s) => s.portfolioId === PORTFOLIO_0)).toMatchObject({ status: 'not-settled', isps: [], totalEur: null });
    await settleDay(journey, DAY, 2);

    const response = await journey.as(brp.key, 'GET', `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`);
    expect(response.status).toBe(200);
    const statements = response.body as unknown as { portfolioId: string; status: string; isps: { ispStart: string; transferredMwh: string; amountEur: string }[]; assumptions: string[] }[];
    // Both portfolios of its perimeter are listed; portfolio 0 is the settled one.
    expect(statements.map((s) => s.portfolioId).sort()).toEqual([PORTFOLIO_0, planned.portfolioId].sort());
    const settled = statements.find((s) => s.portfolioId === PORTFOLIO_0);
    expect(settled?.status).toBe('priced');
    // ISP 1 (fixture ISP 0): baseline 10 kWh, bought 5: 0.005 MWh transferred upward x 100 EUR/MWh, paid to the BRP.
    // ISP 3 (fixture ISP 2): 5 kWh above the baseline (downward) x 40 EUR/MWh, paid by the BRP.
    const at = (n: number) => settled?.isps.find((i) => i.ispStart === isp(n).toISOString());
    expect([at(1), at(3)].map((i) => [i?.transferredMwh, i?.amountEur])).toEqual([['0.005000', '-0.50'], ['-0.005000', '0.20']]);
    expect(settled?.assumptions.join(' ')).toContain('ASSUMED');
  });

  it('shows another BRP and other roles nothing of it', async () => {
    expect((await journey.as(otherBrp.key, 'GET', positionsPath())).status).toBe(404);
    expect((await journey.as(otherBrp.key, 'GET', '/v1/brp/portfolios')).body.portfolios).toEqual([]);
    expect((await journey.as(otherBrp.key, 'GET', `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`)).body).toEqual([]);
    expect((await journey.as(fleetOwner.key, 'GET', positionsPath())).status).toBe(403);
    expect((await journey.as(fleetOwner.key, 'GET', `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`)).status).toBe(403);
    expect((await journey.as(brp.key, 'GET', `/v1/brp/portfolios/${PORTFOLIO_0}/positions?deliveryDay=2026-02-30`)).status).toBe(400);
  });
});
