import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import {
  DELIVERED_CHART_TITLE,
  IssuePortfolioStatementsUseCase,
  renderFleetReportPdf,
  REVENUE_CHART_TITLE,
  SettlementMeterRepository,
} from '@vpp/settlement';
import type { FleetReport } from '@vpp/settlement';
import { DeliveryDay } from '@vpp/units';
import { createScratchDatabase, ScratchDatabase } from '../../libs/queues/test/queue-test-kit';
import { seedOrganisation, SeededOrganisation } from '../access/access-test-app';
import { FLEET_A, FLEET_B, PORTFOLIO_0, seedWorld } from './settlement-fixture';
import { startSettlementHttpApp } from './settlement-http-app';

const DAY = DeliveryDay.containing(new Date()).plusDays(-2);

// pdf-parse (pdf.js) loads its worker by a dynamic import, which jest's VM refuses: read the PDF
// in a plain node child with the same pdf-parse v2 API.
async function pdfText(pdf: Buffer): Promise<{ text: string; total: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'settlement-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const script = `const { PDFParse } = require('pdf-parse');
      const parser = new PDFParse({ data: require('fs').readFileSync(process.argv[1]) });
      parser.getText().then((r) => { process.stdout.write(JSON.stringify({ text: r.text, total: r.total })); return parser.destroy(); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, file], { cwd: join(__dirname, '../..') });
    return JSON.parse(stdout) as { text: string; total: number };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Reports on a settled day of a database of its own: the stages run in-process here (the queue
// path is the pipeline spec's subject), then the API serves the fleet owners.
describe('fleet-owner settlement reports (/v1, JSON, CSV, PDF)', () => {
  let db: ScratchDatabase;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let ownerA: SeededOrganisation;
  let ownerB: SeededOrganisation;
  const get = (key: string, path: string) => fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': key } });

  beforeAll(async () => {
    db = await createScratchDatabase();
    const seeded = await seedWorld(db.dataSource, DAY, 2);
    ownerA = await seedOrganisation(db.dataSource, 'fleet_owner');
    ownerB = await seedOrganisation(db.dataSource, 'fleet_owner');
    await db.dataSource.query(`UPDATE fleets SET organisation_id = $1 WHERE id = $2`, [ownerA.organisationId, FLEET_A]);
    await db.dataSource.query(`UPDATE fleets SET organisation_id = $1 WHERE id = $2`, [ownerB.organisationId, FLEET_B]);

    ({ app, baseUrl } = await startSettlementHttpApp(db.url, 'settlement-reports-test'));

    // The meter and statement stages of every portfolio, as the pipeline's jobs run them.
    const meter = app.get(SettlementMeterRepository);
    const issue = app.get(IssuePortfolioStatementsUseCase);
    for (const portfolioId of seeded.portfolios) {
      await db.dataSource.transaction(async (manager) => {
        await meter.aggregate(manager, portfolioId, DAY.range, true);
        await issue.execute(manager, portfolioId, DAY);
      });
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('gives the owner its fleet as JSON, day and month, with the hand-computed totals of portfolio 0 included', async () => {
    const response = await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as FleetReport;
    expect(report.statements.map((s) => s.portfolioId)).toContain(PORTFOLIO_0);
    const month = (await (await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate.slice(0, 7)}`)).json()) as FleetReport;
    // One settled day in the month: the month equals the day.
    expect([month.period.kind, month.revenueTotalEur, month.energy.chargedKwh]).toEqual(['month', report.revenueTotalEur, report.energy.chargedKwh]);
    // Sessions 1-3 of portfolio 0 (see the pipeline spec): S3 left one ISP early; its need of 8 kWh was not met (6 kWh).
    const s3 = report.sessions.find((s) => s.sessionId.endsWith('000000000302'));
    expect(s3).toMatchObject({ leftEarly: true, needMet: false, chargedKwh: '6.000000', basis: 'estimated' });
    const shares = report.shares.reduce((sum, s) => sum + BigInt(s.amountEur.replace('.', '')), 0n);
    expect(shares.toString()).toBe(report.revenueTotalEur.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'));
    expect(report.isps.length).toBeGreaterThan(3);
    expect(report.revenueByMarket.map((r) => r.market)).toEqual(['day-ahead']);
  });

  it('shows a fleet owner nothing of another owner\'s fleet (404, not 403) and refuses a bad period', async () => {
    expect((await get(ownerB.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}`)).status).toBe(404);
    expect((await get(ownerA.key, `/v1/fleets/${FLEET_B}/settlement-reports/${DAY.isoDate}?format=pdf`)).status).toBe(404);
    expect((await get(ownerB.key, `/v1/fleets/${FLEET_B}/settlement-reports/${DAY.isoDate}`)).status).toBe(200);
    expect((await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/2026-13`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}`)).status).toBe(401);
  });

  it('gives a BRP the imbalance adjustment of the portfolios in its perimeter only, and a DSO its own FlexSettlements', async () => {
    const brp = await seedOrganisation(db.dataSource, 'brp');
    const otherBrp = await seedOrganisation(db.dataSource, 'brp');
    const dso = await seedOrganisation(db.dataSource, 'dso');
    const code = `BRP-${brp.organisationId.slice(0, 8)}`;
    await db.dataSource.query(`INSERT INTO brp_party_codes (code, organisation_id, created_at) VALUES ($1, $2, now())`, [code, brp.organisationId]);
    await db.dataSource.query(`UPDATE portfolios SET brp_reference = $1 WHERE id = $2`, [code, PORTFOLIO_0]);

    const response = await get(brp.key, `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`);
    expect(response.status).toBe(200);
    const [statement, ...others] = (await response.json()) as { portfolioId: string; status: string; isps: { ispStart: string; transferredMwh: string; amountEur: string }[]; assumptions: string[] }[];
    expect([statement.portfolioId, statement.status, others.length]).toEqual([PORTFOLIO_0, 'priced', 0]);
    // ISP 0 of portfolio 0: baseline 10 kWh, bought 5: 0.005 MWh transferred (upward) x 100 EUR/MWh, paid to the BRP: -0.50.
    // ISP 2: 5 kWh more than the baseline (downward) at 40 EUR/MWh: +0.20.
    const at = (n: number) => new Date(DAY.start.getTime() + n * 900_000).toISOString();
    expect(statement.isps.filter((i) => [at(0), at(2)].includes(i.ispStart)).map((i) => [i.transferredMwh, i.amountEur])).toEqual([
      ['0.005000', '-0.50'],
      ['-0.005000', '0.20'],
    ]);
    expect(statement.assumptions.join(' ')).toContain('ASSUMED');
    expect(await (await get(otherBrp.key, `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`)).json()).toEqual([]);
    expect((await get(ownerA.key, `/v1/settlement/imbalance-adjustments/${DAY.isoDate}`)).status).toBe(403);
    // No FlexOrder of this DSO was settled: an empty list; a fleet owner may not ask.
    expect(await (await get(dso.key, `/v1/settlement/flex-settlements/${DAY.isoDate.slice(0, 7)}`)).json()).toEqual([]);
    expect((await get(ownerA.key, `/v1/settlement/flex-settlements/${DAY.isoDate.slice(0, 7)}`)).status).toBe(403);
  });

  it('gives the same totals as RFC 4180 CSV', async () => {
    const json = (await (await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}`)).json()) as FleetReport;
    const response = await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}?format=csv`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.section === 'revenue' && r.key === 'total')?.value).toBe(json.revenueTotalEur);
    expect(rows.find((r) => r.section === 'energy' && r.key === 'charged')?.value).toBe(json.energy.chargedKwh);
    expect(rows.filter((r) => r.section === 'session-charged')).toHaveLength(json.sessions.length);
  });

  it('renders a PDF with both charts and the totals of the JSON', async () => {
    const json = (await (await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}`)).json()) as FleetReport;
    const response = await get(ownerA.key, `/v1/fleets/${FLEET_A}/settlement-reports/${DAY.isoDate}?format=pdf`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = await pdfText(pdf);
    // Summary + delivered chart, revenue chart + shares, then one page of sessions.
    expect(text.total).toBe(3);
    for (const expected of [
      DELIVERED_CHART_TITLE,
      REVENUE_CHART_TITLE,
      'ISP of the period',
      'Flexibility (kWh)',
      'Revenue (EUR)',
      `Revenue total: ${json.revenueTotalEur} EUR`,
      `Energy charged: ${json.energy.chargedKwh} kWh`,
      `${json.revenueByMarket[0].amountEur} EUR`,
      ...json.shares.map((s) => `${s.amountEur} EUR`),
    ]) {
      expect(text.text).toContain(expected);
    }
    // The charts are vector drawings: rectangles (re) filled and paths stroked (l ... S) in the content.
    const raw = (await renderFleetReportPdf(json, { compress: false })).toString('latin1');
    expect((raw.match(/ re\n/g) ?? []).length).toBeGreaterThanOrEqual(json.isps.length + json.revenueByMarket.length);
    expect(raw).toMatch(/ l\nS\n/);
  });
});
