import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { createDataSource } from '@vpp/persistence';
import { DeliveryDay, Isp } from '@vpp/units';
import { LedgerDayQuery } from '../src/application/ledger/ledger-day.query';
import { ReservationLedger } from '../src/application/ledger/reservation-ledger';
import type { ReservationRequest } from '../src/domain/ledger/reservation-request';
import { aPortfolio, cellsOf, isps, kw, outcomeOf } from './ledger-fixtures';

const CLIENTS = 20;

describe('reservation ledger (PostgreSQL decides every race)', () => {
  let dataSource: DataSource;
  let ledger: ReservationLedger;
  let days: LedgerDayQuery;

  beforeAll(async () => {
    // One connection per racing client, so the races really run in parallel transactions.
    dataSource = createDataSource(loadConfig(), { poolSize: CLIENTS + 2 });
    await dataSource.initialize();
    ledger = new ReservationLedger(dataSource);
    days = new LedgerDayQuery(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const available = (portfolioId: string, cells: Isp[], up: string, down = up) =>
    ledger.setAvailability(portfolioId, cells.flatMap((isp) => [
      { ispStart: isp.start, direction: 'up' as const, availableKw: kw(up) },
      { ispStart: isp.start, direction: 'down' as const, availableKw: kw(down) },
    ]));

  const request = (over: Partial<ReservationRequest> & Pick<ReservationRequest, 'isps'>): ReservationRequest => ({
    product: 'afrr_up',
    reference: 'bid',
    idempotencyKey: randomUUID(),
    ...over,
  });

  const spread = (cells: Isp[], amount: string) => cells.map((isp) => ({ ispStart: isp.start, kw: kw(amount) }));

  function expectConsistent(cells: Record<string, { availableKw: string; reservedKw: string; heldLinesKw: string }>): void {
    for (const [key, cell] of Object.entries(cells)) {
      expect({ key, reserved: cell.reservedKw }).toEqual({ key, reserved: cell.heldLinesKw });
      expect(kw(cell.reservedKw).lessThanOrEqualTo(kw(cell.availableKw))).toBe(true);
    }
  }

  it(`lets exactly 3 of ${CLIENTS} parallel clients take 30 kW out of 100 kW over 4 ISPs; the rest are refused whole`, async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['afrr'], { afrr_up: '1000' });
    const cells = isps('2026-11-27T10:00:00Z', 4);
    await available(portfolioId, cells, '100');
    const outcomes = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => outcomeOf(ledger.reserve(portfolioId, request({ reference: `bid-${i}`, isps: spread(cells, '30') })))));
    expect(outcomes.filter((o) => o === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'LEDGER_INSUFFICIENT_CAPACITY')).toHaveLength(CLIENTS - 3);
    const state = await cellsOf(dataSource, portfolioId);
    for (const isp of cells) expect(state[`${isp.start.toISOString()}/up`]).toEqual({ availableKw: '100', reservedKw: '90', heldLinesKw: '90' });
    const rows: { n: string }[] = await dataSource.query(`SELECT count(*)::text AS n FROM reservations WHERE portfolio_id = $1`, [portfolioId]);
    expect(rows[0].n).toBe('3');
  });

  it('never sells the same kW twice when FCR, aFRR up and aFRR down of random sizes race for overlapping ISPs', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['fcr', 'afrr'], { fcr: '1000', afrr_up: '1000', afrr_down: '1000' });
    const cells = isps('2026-11-27T12:00:00Z', 6);
    await available(portfolioId, cells, '120.5', '80');
    // Seeded sizes (deterministic): 1..60 kW with decimals, windows of 1..6 ISPs.
    let seed = 42;
    const next = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed);
    const products = ['fcr', 'afrr_up', 'afrr_down'] as const;
    const requests = Array.from({ length: CLIENTS * 2 }, (_, i) => {
      const from = next() % 6;
      const to = from + 1 + (next() % (6 - from));
      return request({ product: products[i % 3], isps: spread(cells.slice(from, to), `${1 + (next() % 60)}.${next() % 1000}`) });
    });
    const outcomes = await Promise.all(requests.map((r) => outcomeOf(ledger.reserve(portfolioId, r))));
    expect(outcomes.every((o) => o === 'fulfilled' || o === 'LEDGER_INSUFFICIENT_CAPACITY')).toBe(true);
    expect(outcomes).toContain('fulfilled');
    expect(outcomes).toContain('LEDGER_INSUFFICIENT_CAPACITY');
    const state = await cellsOf(dataSource, portfolioId);
    expectConsistent(state);
    // What was granted is exactly the sum of the granted requests, per cell.
    const granted = new Map<string, ReturnType<typeof kw>>();
    requests.forEach((r, i) => {
      if (outcomes[i] !== 'fulfilled') return;
      const directions = r.product === 'fcr' ? ['up', 'down'] : r.product === 'afrr_up' ? ['up'] : ['down'];
      for (const isp of r.isps) for (const d of directions) {
        const key = `${isp.ispStart.toISOString()}/${d}`;
        granted.set(key, (granted.get(key) ?? kw('0')).plus(isp.kw));
      }
    });
    for (const [key, cell] of Object.entries(state)) expect({ key, kw: cell.reservedKw }).toEqual({ key, kw: (granted.get(key) ?? kw('0')).toFixed() });
  });

  it('returns the same reservation for the same idempotency key, even sent by 10 clients at once, and counts it once', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['afrr'], { afrr_down: '500' });
    const cells = isps('2026-11-27T14:00:00Z', 2);
    await available(portfolioId, cells, '100');
    const same = request({ product: 'afrr_down', idempotencyKey: 'bid-77', reference: 'bid 77', isps: spread(cells, '40') });
    const results = await Promise.all(Array.from({ length: 10 }, () => ledger.reserve(portfolioId, same)));
    expect(new Set(results.map((r) => r.reservation.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(Object.values(await cellsOf(dataSource, portfolioId)).map((c) => c.reservedKw)).toEqual(['40', '0', '40', '0']);
    expect(await outcomeOf(ledger.reserve(portfolioId, { ...same, isps: spread(cells, '41') }))).toBe('LEDGER_IDEMPOTENCY_KEY_REUSED');
    const again = await ledger.reserve(portfolioId, same);
    expect({ id: again.reservation.id, replayed: again.replayed }).toEqual({ id: results[0].reservation.id, replayed: true });
  });

  it('holds all ISPs of a request or none: one short ISP leaves every cell and the reservations untouched', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['afrr'], { afrr_up: '500' });
    const cells = isps('2026-11-27T16:00:00Z', 4);
    await available(portfolioId, cells.slice(0, 3), '50');
    await available(portfolioId, cells.slice(3), '20');
    const before = await cellsOf(dataSource, portfolioId);
    expect(await outcomeOf(ledger.reserve(portfolioId, request({ isps: spread(cells, '25') })))).toBe('LEDGER_INSUFFICIENT_CAPACITY');
    // An ISP the planner never gave capacity for counts as 0 kW.
    expect(await outcomeOf(ledger.reserve(portfolioId, request({ isps: spread([...cells.slice(0, 1), cells[3].plus(1)], '1') })))).toBe('LEDGER_INSUFFICIENT_CAPACITY');
    expect(await cellsOf(dataSource, portfolioId)).toEqual(before);
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM reservations WHERE portfolio_id = $1`, [portfolioId]);
    expect(rows).toHaveLength(0);
  });

  it('holds FCR in both directions, so it competes with aFRR up and down alike', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['fcr', 'afrr'], { fcr: '500', afrr_up: '500', afrr_down: '500' });
    const cells = isps('2026-11-27T18:00:00Z', 1);
    await available(portfolioId, cells, '100', '60');
    await ledger.reserve(portfolioId, request({ product: 'fcr', isps: spread(cells, '50') }));
    expect(await outcomeOf(ledger.reserve(portfolioId, request({ product: 'afrr_down', isps: spread(cells, '10.001') })))).toBe('LEDGER_INSUFFICIENT_CAPACITY');
    await ledger.reserve(portfolioId, request({ product: 'afrr_down', isps: spread(cells, '10') }));
    await ledger.reserve(portfolioId, request({ product: 'afrr_up', isps: spread(cells, '50') }));
    expect(await cellsOf(dataSource, portfolioId)).toEqual({
      [`${cells[0].start.toISOString()}/down`]: { availableKw: '60', reservedKw: '60', heldLinesKw: '60' },
      [`${cells[0].start.toISOString()}/up`]: { availableKw: '100', reservedKw: '100', heldLinesKw: '100' },
    });
  });

  it('caps each product at its prequalified capacity and refuses products outside the portfolio markets', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['fcr'], { fcr: '50' });
    const cells = isps('2026-11-27T20:00:00Z', 2);
    await available(portfolioId, cells, '500');
    await ledger.reserve(portfolioId, request({ product: 'fcr', isps: spread(cells, '30') }));
    expect(await outcomeOf(ledger.reserve(portfolioId, request({ product: 'fcr', isps: spread(cells, '20.001') })))).toBe('LEDGER_PREQUALIFICATION_EXCEEDED');
    await ledger.reserve(portfolioId, request({ product: 'fcr', isps: spread(cells, '20') }));
    expect(await outcomeOf(ledger.reserve(portfolioId, request({ product: 'afrr_up', isps: spread(cells, '1') })))).toBe('LEDGER_PRODUCT_NOT_IN_PORTFOLIO');
    expect(await outcomeOf(ledger.reserve(portfolioId, request({ product: 'day_ahead', direction: 'up', isps: spread(cells, '1') })))).toBe('LEDGER_PRODUCT_NOT_IN_PORTFOLIO');
    expect(await outcomeOf(ledger.reserve(randomUUID(), request({ product: 'fcr', isps: spread(cells, '1') })))).toBe('NOT_FOUND');
  });

  it('gives released kW back exactly once, however many clients release at the same time', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['afrr'], { afrr_up: '500' });
    const cells = isps('2026-11-28T08:00:00Z', 3);
    await available(portfolioId, cells, '100');
    const keep = await ledger.reserve(portfolioId, request({ isps: spread(cells, '30') }));
    const lost = await ledger.reserve(portfolioId, request({ isps: spread(cells, '45') }));
    const released = await Promise.all(Array.from({ length: 10 }, () => ledger.release(portfolioId, lost.reservation.id, 'bid not awarded')));
    expect(new Set(released.map((r) => `${r.status} ${r.releasedAt}`)).size).toBe(1);
    expect(released[0]).toMatchObject({ status: 'released', releaseReason: 'bid not awarded' });
    const state = await cellsOf(dataSource, portfolioId);
    for (const isp of cells) expect(state[`${isp.start.toISOString()}/up`]).toEqual({ availableKw: '100', reservedKw: '30', heldLinesKw: '30' });
    expect((await ledger.reservation(portfolioId, keep.reservation.id)).status).toBe('held');
    // Re-sending the released request's key still answers the released reservation: nothing is held again.
    const replay = await ledger.reserve(portfolioId, request({ idempotencyKey: lost.reservation.idempotencyKey, isps: spread(cells, '45') }));
    expect({ id: replay.reservation.id, status: replay.reservation.status, replayed: replay.replayed }).toEqual({ id: lost.reservation.id, status: 'released', replayed: true });
    expect(await outcomeOf(ledger.release(portfolioId, randomUUID(), 'x'))).toBe('NOT_FOUND');
    const { portfolioId: other } = await aPortfolio(dataSource, ['afrr']);
    expect(await outcomeOf(ledger.release(other, keep.reservation.id, 'x'))).toBe('NOT_FOUND');
  });

  it('never lets available capacity drop below what is reserved: the whole update is refused', async () => {
    const { portfolioId } = await aPortfolio(dataSource, ['afrr'], { afrr_up: '500' });
    const cells = isps('2026-11-28T10:00:00Z', 2);
    await available(portfolioId, cells, '100');
    await ledger.reserve(portfolioId, request({ isps: spread(cells.slice(1), '70') }));
    const before = await cellsOf(dataSource, portfolioId);
    expect(await outcomeOf(available(portfolioId, cells, '69.999'))).toBe('LEDGER_AVAILABLE_BELOW_RESERVED');
    expect(await cellsOf(dataSource, portfolioId)).toEqual(before);
    await available(portfolioId, cells, '70');
    expect(Object.values(await cellsOf(dataSource, portfolioId)).map((c) => `${c.availableKw}/${c.reservedKw}`)).toEqual(['70/0', '70/0', '70/0', '70/70']);
    // The CHECK holds even for a writer that skips the service.
    expect(await outcomeOf(dataSource.query(`UPDATE ledger_capacity SET reserved_kw = available_kw + 1 WHERE portfolio_id = $1`, [portfolioId]))).toBe('23514');
  });

  it.each([
    ['2026-10-25', 100],
    ['2026-03-29', 92],
  ])('reads and reserves every ISP of the DST day %s (%d ISPs)', async (isoDate, count) => {
    const { portfolioId } = await aPortfolio(dataSource, ['fcr'], { fcr: '1000' });
    const day = DeliveryDay.of(isoDate);
    await available(portfolioId, day.isps(), '200');
    const held = await ledger.reserve(portfolioId, request({ product: 'fcr', isps: spread(day.isps(), '125.5') }));
    expect(held.reservation.lines).toHaveLength(2 * count);
    const view = await days.view(portfolioId, day);
    expect(view.ispCount).toBe(count);
    expect(view.isps).toHaveLength(count);
    expect(view.isps[0].start).toBe(day.start.toISOString());
    expect(view.isps[count - 1].end).toBe(day.end.toISOString());
    for (const isp of view.isps) {
      expect(isp.up).toEqual({ availableKw: '200', reservedKw: '125.5', freeKw: '74.5', reservedByProductKw: { fcr: '125.5' } });
      expect(isp.down.freeKw).toBe('74.5');
    }
    // The neighbouring days are untouched.
    const next = await days.view(portfolioId, DeliveryDay.containing(day.end));
    expect(next.isps.every((isp) => isp.up.reservedKw === '0' && isp.up.availableKw === '0')).toBe(true);
  });
});
