import { parse } from 'csv-parse/sync';
import type { FleetReport } from '@vpp/settlement';
import { DeliveryDay } from '@vpp/units';
import { FLEET_A, FLEET_B, PORTFOLIO_0, seedWorld } from '../settlement/settlement-fixture';
import { countOf, Journey, Party, settleDay, startJourney } from './journey-kit';

jest.setTimeout(120_000);

// Two days back: a whole delivery day the settlement scheduler closes as a past day.
const DAY = DeliveryDay.containing(new Date()).plusDays(-2);
const MONTH = DAY.isoDate.slice(0, 7);

// Journey (issue 8, item 3): a fleet owner, onboarded by the operator over the API, downloads its
// monthly settlement report (JSON, CSV, PDF) once the day was settled by the real pipeline (the
// scheduler's close-day job through the outbox and the queue to the platform's workers), and sees
// nothing of the other fleet owner's fleet. TEST DATA: the sessions, baselines, meter values,
// contracts and day-ahead prices of the day are the settlement fixture's (settlement-fixture.ts,
// hand-computed), written to the tables as OCPI/OCPP/telemetry and the price import would leave
// them; the two fixture fleets are handed to the two onboarded owners.
describe('journey: a fleet owner downloads its monthly report and cannot see the other owner\'s', () => {
  let journey: Journey;
  let ownerA: Party;
  let ownerB: Party;
  const reportPath = (fleetId: string, format = 'json') => `/v1/fleets/${fleetId}/settlement-reports/${MONTH}?format=${format}`;

  beforeAll(async () => {
    journey = await startJourney('fleet_report');
    ownerA = await journey.onboard('fleet_owner', 'Journey Owner A');
    ownerB = await journey.onboard('fleet_owner', 'Journey Owner B');
    await seedWorld(journey.dataSource, DAY, 0);
    await journey.dataSource.query(`UPDATE fleets SET organisation_id = $1 WHERE id = $2`, [ownerA.organisationId, FLEET_A]);
    await journey.dataSource.query(`UPDATE fleets SET organisation_id = $1 WHERE id = $2`, [ownerB.organisationId, FLEET_B]);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('finds its fleet, and its month holds nothing before the day is settled', async () => {
    const fleets = await journey.as(ownerA.key, 'GET', '/v1/fleets');
    expect(fleets.status).toBe(200);
    expect((fleets.body as unknown as { id: string }[]).map((f) => f.id)).toEqual([FLEET_A]);

    const before = await journey.as(ownerA.key, 'GET', reportPath(FLEET_A));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ fleetId: FLEET_A, statements: [], sessions: [] });
  });

  it('downloads the month as JSON once the settlement pipeline closed the day, with the hand-computed figures', async () => {
    await settleDay(journey, DAY, 2);

    const response = await journey.as(ownerA.key, 'GET', reportPath(FLEET_A));
    expect(response.status).toBe(200);
    const report = response.body as unknown as FleetReport;
    expect([report.period.kind, report.period.label]).toEqual(['month', MONTH]);
    expect(report.statements.map((s) => s.portfolioId)).toEqual([PORTFOLIO_0]);
    // Fleet A in portfolio 0 (settlement-pipeline spec): day-ahead saving +0.50 + 0.00 - 0.20 = 0.30 EUR,
    // on 0 + 5 + 5 (S1) + 2 (S2, its profile) + 6 (S3) = 18 kWh charged.
    expect([report.revenueTotalEur, report.energy.chargedKwh]).toEqual(['0.30', '18.000000']);
    expect(report.revenueByMarket.map((r) => [r.market, r.amountEur])).toEqual([['day-ahead', '0.30']]);
    expect(report.sessions).toHaveLength(3);
    const shares = report.shares.map((s) => s.amountEur).sort();
    expect(shares).toEqual(['0.09', '0.21']);
  });

  it('downloads the same month as CSV and as PDF files', async () => {
    const json = (await journey.as(ownerA.key, 'GET', reportPath(FLEET_A))).body as unknown as FleetReport;
    const csv = await journey.download(ownerA.key, reportPath(FLEET_A, 'csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="settlement-${FLEET_A}-${MONTH}.csv"`);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.section === 'revenue' && r.key === 'total')?.value).toBe(json.revenueTotalEur);
    expect(rows.filter((r) => r.section === 'session-charged')).toHaveLength(3);

    const pdf = await journey.download(ownerA.key, reportPath(FLEET_A, 'pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect([bytes.subarray(0, 5).toString('latin1'), bytes.subarray(-6).toString('latin1').trim()]).toEqual(['%PDF-', '%%EOF']);
  });

  it('shows the other owner nothing of this fleet (404 in every format), and writes nothing for it', async () => {
    for (const format of ['json', 'csv', 'pdf']) {
      expect((await journey.download(ownerB.key, reportPath(FLEET_A, format))).status).toBe(404);
    }
    expect((await journey.as(ownerB.key, 'GET', `/v1/fleets/${FLEET_A}`)).status).toBe(404);
    const sites = `SELECT count(*) AS n FROM sites`;
    const before = await countOf(journey.dataSource, sites);
    const intoOther = await journey.as(ownerB.key, 'POST', `/v1/fleets/${FLEET_A}/sites`, { name: 'Not mine', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam' });
    expect(intoOther.status).toBe(404);
    expect(await countOf(journey.dataSource, sites)).toBe(before);
    // Its own fleet: one session of 4 kWh, baseline 4 kWh in ISP 10, bought 2 in ISP 10 and 2 in ISP 11 (test prices
    // 42.25 and 49.50 EUR/MWh): 0.002 x 42.25 - 0.002 x 49.50 = -0.0145 EUR, -0.01 once rounded.
    const own = (await journey.as(ownerB.key, 'GET', reportPath(FLEET_B))).body as unknown as FleetReport;
    expect([own.fleetId, own.energy.chargedKwh, own.revenueTotalEur]).toEqual([FLEET_B, '4.000000', '-0.01']);
    // Without a key, or with a period that is no month or day.
    expect((await fetch(`${journey.baseUrl}${reportPath(FLEET_A)}`)).status).toBe(401);
    expect((await journey.as(ownerA.key, 'GET', `/v1/fleets/${FLEET_A}/settlement-reports/2026-13`)).status).toBe(400);
  });
});
