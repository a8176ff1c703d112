import type { DataSource, EntityManager } from 'typeorm';
import { SettlementContractRepository } from '@vpp/settlement';
import type { SettlementContract } from '@vpp/settlement';
import { Decimal, DeliveryDay } from '@vpp/units';

/** Fixed ids, so two databases seeded alike hold byte-identical ledgers. */
export const fixedId = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const OPERATOR_ORG = fixedId(1);
export const OWNER_A_ORG = fixedId(2);
export const OWNER_B_ORG = fixedId(3);
/** Portfolio 0, fleet A: the hand-computed scenario (see settlement-pipeline.e2e-spec.ts). */
export const PORTFOLIO_0 = fixedId(100);
export const FLEET_A = fixedId(200);
export const FLEET_B = fixedId(201);
export const SESSION_1 = fixedId(300);
export const SESSION_2 = fixedId(301);
export const SESSION_3 = fixedId(302);

const ISP_MS = 15 * 60_000;

export interface SeededWorld {
  readonly day: DeliveryDay;
  /** Portfolios and the fleets with a contract: the statements one settled day holds. */
  readonly portfolios: readonly string[];
  readonly statementsPerDay: number;
}

export const at = (day: DeliveryDay, isp: number, minutes = 0): Date => new Date(day.start.getTime() + isp * ISP_MS + minutes * 60_000);

/** Meter values of one UTC day live in its partition; the test database has none yet. */
export async function ensurePartitions(manager: EntityManager, day: DeliveryDay): Promise<void> {
  for (let d = -1; d <= 2; d += 1) {
    const from = new Date(Date.UTC(day.start.getUTCFullYear(), day.start.getUTCMonth(), day.start.getUTCDate() + d));
    const to = new Date(from.getTime() + 86_400_000);
    const name = `meter_values_p${from.toISOString().slice(0, 10).replace(/-/g, '')}`;
    await manager.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF meter_values FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
  }
}

export async function organisation(manager: EntityManager, id: string, kind: string, name: string): Promise<void> {
  await manager.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, $3, 'NL', now())`, [id, name, kind]);
}

export async function fleet(manager: EntityManager, id: string, organisationId: string): Promise<void> {
  await manager.query(`INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, $3, now())`, [id, organisationId, `fleet ${id.slice(-4)}`]);
}

/** A site with one EVSE in the portfolio's day-ahead market; returns the EVSE id. */
export async function portfolioWithSite(manager: EntityManager, portfolioId: string, n: number): Promise<string> {
  const site = fixedId(10_000 + n);
  const chargePoint = fixedId(11_000 + n);
  const evse = fixedId(12_000 + n);
  await manager.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, $3, 'NL', now(), now())`, [
    portfolioId,
    OPERATOR_ORG,
    `portfolio ${n}`,
  ]);
  await manager.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, 'day_ahead')`, [portfolioId]);
  await manager.query(
    `INSERT INTO sites (id, organisation_id, name, country, innovation_cluster, timezone, created_at) VALUES ($1, $2, $3, 'NL', 'depot', 'Europe/Amsterdam', now())`,
    [site, OPERATOR_ORG, `site ${n}`],
  );
  await manager.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'day_ahead', $2, now())`, [portfolioId, site]);
  await manager.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpp', now())`, [chargePoint, site]);
  await manager.query(
    `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at)
     VALUES ($1, $2, $3, 'AC', 3, 22, false, false, now())`,
    [evse, chargePoint, site],
  );
  return evse;
}

export interface SessionSpec {
  readonly id: string;
  readonly fleetId: string;
  readonly evseId: string;
  readonly ownerOrg: string;
  readonly arrival: Date;
  readonly departure: Date;
  readonly expectedDeparture?: Date;
  readonly energyNeedKwh: string;
  /** [ISP start, kWh] of the recorded baseline. */
  readonly baseline: readonly (readonly [Date, string])[];
  /** [measured at, import register kWh, power kW]. */
  readonly meter: readonly (readonly [Date, string, string])[];
}

export async function session(manager: EntityManager, spec: SessionSpec): Promise<void> {
  const delivered = spec.meter.length > 1 ? new Decimal(spec.meter[spec.meter.length - 1][1]).minus(spec.meter[0][1]).toString() : '0';
  await manager.query(
    `INSERT INTO sessions (id, fleet_id, evse_id, arrival_at, expected_departure_at, actual_departure_at, energy_need_kwh, energy_delivered_kwh,
                           status, can_discharge, source, historical, last_seen_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'finished', false, 'import', true, $6, now(), now())`,
    [spec.id, spec.fleetId, spec.evseId, spec.arrival, spec.expectedDeparture ?? spec.departure, spec.departure, spec.energyNeedKwh, delivered],
  );
  const record = fixedId(Number.parseInt(spec.id.slice(-12), 10) + 500_000);
  await manager.query(
    `INSERT INTO baseline_records (id, organisation_id, session_id, method, method_version, known_at, computed_from, recorded_at)
     VALUES ($1, $2, $3, 'uncontrolled-charging', 1, $4, '{}', $4)`,
    [record, spec.ownerOrg, spec.id, spec.arrival],
  );
  for (const [ispStart, kwh] of spec.baseline) {
    await manager.query(`INSERT INTO baseline_record_isps (baseline_record_id, isp_start, power_kw, energy_kwh) VALUES ($1, $2, $3, $4)`, [
      record,
      ispStart,
      new Decimal(kwh).times(4).toString(),
      kwh,
    ]);
  }
  for (const [measuredAt, register, power] of spec.meter) {
    await manager.query(
      `INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, source, received_at) VALUES ($1, $2, $3, $4, 'ocpp', $5)`,
      [spec.id, measuredAt, power, register, new Date(spec.departure.getTime() + 60_000)],
    );
  }
}

export function contract(fleetId: string, ownerOrg: string): SettlementContract {
  return {
    id: fixedId(Number.parseInt(fleetId.slice(-12), 10) + 700),
    fleetId,
    validFrom: new Date('2025-12-31T23:00:00Z'),
    validTo: null,
    aggregatorRef: OPERATOR_ORG,
    vehicleOwnerRef: ownerOrg,
    terms: [
      { kind: 'revenue-share', payee: { role: 'aggregator', partyRef: OPERATOR_ORG }, rate: new Decimal(70) },
      { kind: 'revenue-share', payee: { role: 'fleet-owner', partyRef: ownerOrg }, rate: new Decimal(30) },
    ],
  };
}

/**
 * Portfolio 0 holds the hand-computed fleet A (sessions 1-3, ISPs 0-3 of the day) and fleet B
 * (owner B); portfolios 1..`extraPortfolios` each hold generated sessions of fleets A and B, so
 * two workers have portfolios to split. Day-ahead prices for every ISP of the day.
 */
export async function seedWorld(dataSource: DataSource, day: DeliveryDay, extraPortfolios: number): Promise<SeededWorld> {
  await dataSource.transaction(async (manager) => {
    await ensurePartitions(manager, day);
    await organisation(manager, OPERATOR_ORG, 'operator', 'aggregator');
    await organisation(manager, OWNER_A_ORG, 'fleet_owner', 'owner A');
    await organisation(manager, OWNER_B_ORG, 'fleet_owner', 'owner B');
    await fleet(manager, FLEET_A, OWNER_A_ORG);
    await fleet(manager, FLEET_B, OWNER_B_ORG);
    const contracts = new SettlementContractRepository();
    await contracts.save(manager, contract(FLEET_A, OWNER_A_ORG), new Date());
    await contracts.save(manager, contract(FLEET_B, OWNER_B_ORG), new Date());

    const evse0 = await portfolioWithSite(manager, PORTFOLIO_0, 0);
    const base = { evseId: evse0, fleetId: FLEET_A, ownerOrg: OWNER_A_ORG };
    // Session 1: measured at every ISP boundary; its baseline charges in ISPs 0-1, it charged in 1-2.
    await session(manager, {
      ...base,
      id: SESSION_1,
      arrival: at(day, 0),
      departure: at(day, 4),
      energyNeedKwh: '10',
      baseline: [[at(day, 0), '5'], [at(day, 1), '5']],
      meter: [[at(day, 0), '100', '0'], [at(day, 1), '100', '20'], [at(day, 2), '105', '20'], [at(day, 3), '110', '0'], [at(day, 4), '110', '0']],
    });
    // Session 2: no meter value at all: its baseline stands in (profile).
    await session(manager, { ...base, id: SESSION_2, arrival: at(day, 0), departure: at(day, 2), energyNeedKwh: '2', baseline: [[at(day, 0), '2']], meter: [] });
    // Session 3: one 30-minute gap, interpolated over ISPs 0-1 (estimated); left 1 ISP before it said.
    await session(manager, {
      ...base,
      id: SESSION_3,
      arrival: at(day, 0),
      departure: at(day, 2),
      expectedDeparture: at(day, 3),
      energyNeedKwh: '8',
      baseline: [[at(day, 0), '3'], [at(day, 1), '3']],
      meter: [[at(day, 0), '0', '12'], [at(day, 2), '6', '12']],
    });
    // Fleet B in portfolio 0: one measured session, charging as its baseline would.
    await session(manager, {
      id: fixedId(303),
      evseId: evse0,
      fleetId: FLEET_B,
      ownerOrg: OWNER_B_ORG,
      arrival: at(day, 10),
      departure: at(day, 12),
      energyNeedKwh: '4',
      baseline: [[at(day, 10), '4']],
      meter: [[at(day, 10), '0', '16'], [at(day, 11), '2', '16'], [at(day, 12), '4', '0']],
    });

    for (let p = 1; p <= extraPortfolios; p += 1) {
      const evse = await portfolioWithSite(manager, fixedId(100 + p), p);
      for (let s = 0; s < 6; s += 1) {
        const fleetId = s % 2 === 0 ? FLEET_A : FLEET_B;
        const start = 8 + p * 3 + s * 5;
        const meter: [Date, string, string][] = [];
        let register = new Decimal(1000 + s);
        for (let i = 0; i <= 8; i += 1) {
          meter.push([at(day, start + i), register.toString(), '11']);
          register = register.plus(new Decimal(i % 3).times('1.375').plus('0.25'));
        }
        await session(manager, {
          id: fixedId(1000 + p * 100 + s),
          evseId: evse,
          fleetId,
          ownerOrg: fleetId === FLEET_A ? OWNER_A_ORG : OWNER_B_ORG,
          arrival: at(day, start),
          departure: at(day, start + 8),
          energyNeedKwh: '12',
          baseline: [0, 1, 2, 3].map((i) => [at(day, start + i), '2.75'] as const),
          meter,
        });
      }
    }

    const isps = day.isps();
    // Prices: ISPs 0-1 at 100, 2-3 at 40 EUR/MWh (the hand-computed part), then a made-up pattern (ASSUMED, test data).
    const price = (i: number): string => (i < 2 ? '100' : i < 4 ? '40' : new Decimal(35).plus(new Decimal(i % 9).times('7.25')).toString());
    await manager.query(
      `INSERT INTO settlement_prices (market, bidding_zone, isp_start, price_eur_per_mwh, source)
       SELECT 'day-ahead', 'NL', t, p, 'test (ASSUMED)' FROM unnest($1::timestamptz[], $2::numeric[]) AS u(t, p)`,
      [isps.map((isp) => isp.start), isps.map((_, i) => price(i))],
    );
  });
  // Every portfolio holds both fleets except portfolio 0, which holds both too.
  const portfolios = Array.from({ length: extraPortfolios + 1 }, (_, p) => fixedId(100 + p));
  return { day, portfolios, statementsPerDay: portfolios.length * 2 };
}

/** The ledger as sorted text: everything but generated statement ids and issue times. */
export async function ledgerText(dataSource: DataSource): Promise<string> {
  const rows: { line: string }[] = await dataSource.query(
    `SELECT concat_ws('|', s.portfolio_id, s.fleet_id, s.period_start, s.period_end, s.version, s.inputs_hash, s.net_revenue,
                      e.line_no, e.section, e.stakeholder_role, e.stakeholder_ref, e.market, e.kind, e.period_start, e.period_end,
                      e.amount, e.quantity, e.unit, e.basis, array_to_string(e.assumptions, ';'), c.version, e.corrects_line_no) AS line
       FROM settlement_ledger_entries e
       JOIN settlement_statements s ON s.id = e.statement_id
       LEFT JOIN settlement_statements c ON c.id = e.corrects_statement_id
      ORDER BY 1`,
  );
  return rows.map((row) => row.line).join('\n');
}

export async function statementCount(dataSource: DataSource): Promise<number> {
  const [row]: { n: string }[] = await dataSource.query(`SELECT count(*) AS n FROM settlement_statements WHERE status = 'issued'`);
  return Number.parseInt(row.n, 10);
}
