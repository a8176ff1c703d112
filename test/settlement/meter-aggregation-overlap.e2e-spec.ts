import { SettlementMeterRepository } from '@vpp/settlement';
import { DeliveryDay, TimeRange } from '@vpp/units';
import { createScratchDatabase, ScratchDatabase } from '../../libs/queues/test/queue-test-kit';
import { at, PORTFOLIO_0, seedWorld } from './settlement-fixture';

const DAY = DeliveryDay.containing(new Date()).plusDays(-2);

// The pipeline runs a day's meter job and its ISP jobs on separate workers; the day contains the
// ISPs, so two transactions may rewrite the same (portfolio, fleet, ISP) rows at once. The second
// must wait and then replace the first's rows, not fail on pk_settlement_meter_isp.
describe('meter aggregation of overlapping periods', () => {
  let db: ScratchDatabase;
  const meter = new SettlementMeterRepository();

  beforeAll(async () => {
    db = await createScratchDatabase();
    await seedWorld(db.dataSource, DAY, 0);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('lets an ISP aggregation overlapping an uncommitted day aggregation finish with the same rows', async () => {
    const dataSource = db.dataSource;
    const isp = TimeRange.of(at(DAY, 1), at(DAY, 2));
    const day = dataSource.createQueryRunner();
    await day.connect();
    await day.startTransaction();
    let ispSettled = false;
    try {
      await meter.aggregate(day.manager, PORTFOLIO_0, DAY.range, true);
      // Started while the day's rows are written but not committed; it may only finish after.
      const ispRun = dataSource.transaction((manager) => meter.aggregate(manager, PORTFOLIO_0, isp, false)).finally(() => {
        ispSettled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ispSettled).toBe(false);
      await day.commitTransaction();
      await expect(ispRun).resolves.toEqual(expect.objectContaining({ fleetIsps: expect.any(Number) }));
    } finally {
      if (day.isTransactionActive) await day.rollbackTransaction();
      await day.release();
    }
    const rows: { isp_start: Date; charged_kwh: string }[] = await dataSource.query(
      `SELECT isp_start, charged_kwh FROM settlement_meter_isp WHERE portfolio_id = $1 AND isp_start = $2`,
      [PORTFOLIO_0, isp.start],
    );
    expect(rows.length).toBeGreaterThan(0);
    // The ISP's rows are those the day's run would write: one per fleet, no duplicates.
    const again = await dataSource.transaction((manager) => meter.aggregate(manager, PORTFOLIO_0, DAY.range, true));
    expect(again.fleetIsps).toBeGreaterThan(0);
  });
});
