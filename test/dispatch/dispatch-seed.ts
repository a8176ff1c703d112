import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MeterValuePartitions } from '@vpp/telemetry';

export interface SeededPortfolio {
  readonly organisationId: string;
  readonly portfolioId: string;
  readonly fleetId: string;
  readonly siteId: string;
  readonly sessionIds: string[];
}

export interface SeedSession {
  readonly channel: 'ocpi' | 'ocpp' | 'oem';
  readonly maxKw: string;
  readonly needKwh: string;
  /** For OCPI/OEM sessions: the source party, recorded as the session's external id. */
  readonly party?: { countryCode: string; partyId: string };
  /**
   * The session's latest meter value (kW, taken at `now`): by default it draws maxKw, as an
   * uncontrolled car would; null = no telemetry yet (its draw is unknown to the loop).
   */
  readonly meterKw?: string | null;
}

/**
 * A portfolio (aFRR market) with one site, one charge point and one plugged-in session per entry,
 * written straight into the fleet and portfolio tables (the dispatcher reads them read-only).
 */
export async function seedPortfolio(dataSource: DataSource, sessions: readonly SeedSession[], now: Date = new Date()): Promise<SeededPortfolio> {
  const organisationId = randomUUID();
  const portfolioId = randomUUID();
  const fleetId = randomUUID();
  const siteId = randomUUID();
  const chargePointId = randomUUID();
  await dataSource.transaction(async (m) => {
    await m.query(`INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, 'operator', 'NL', $3)`, [organisationId, `dispatch ${organisationId.slice(0, 8)}`, now]);
    await m.query(`INSERT INTO fleets (id, organisation_id, name, created_at) VALUES ($1, $2, 'fleet', $3)`, [fleetId, organisationId, now]);
    await m.query(`INSERT INTO sites (id, organisation_id, fleet_id, name, country, innovation_cluster, timezone, created_at) VALUES ($1, $2, $3, 'site', 'NL', 'depot', 'Europe/Amsterdam', $4)`, [siteId, organisationId, fleetId, now]);
    await m.query(`INSERT INTO charge_points (id, site_id, protocol, created_at) VALUES ($1, $2, 'ocpi', $3)`, [chargePointId, siteId, now]);
    await m.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, 'pool', 'NL', $3, $3)`, [portfolioId, organisationId, now]);
    await m.query(`INSERT INTO portfolio_markets (portfolio_id, market) VALUES ($1, 'afrr')`, [portfolioId]);
    await m.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, 'afrr', $2, $3)`, [portfolioId, siteId, now]);
  });
  // meter_values has day partitions and no default one.
  await new MeterValuePartitions(dataSource).ensure([now.toISOString().slice(0, 10)]);
  const sessionIds: string[] = [];
  for (const s of sessions) sessionIds.push(await seedSession(dataSource, { fleetId, siteId, chargePointId }, s, now));
  return { organisationId, portfolioId, fleetId, siteId, sessionIds };
}

async function seedSession(dataSource: DataSource, at: { fleetId: string; siteId: string; chargePointId: string }, s: SeedSession, now: Date): Promise<string> {
  const evseId = randomUUID();
  const sessionId = randomUUID();
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO evses (id, charge_point_id, site_id, current_type, phases, max_power_kw, bidirectional, iso15118_20, created_at) VALUES ($1, $2, $3, 'AC', 3, $4, false, false, $5)`,
      [evseId, at.chargePointId, at.siteId, s.maxKw, now],
    );
    await m.query(
      `INSERT INTO sessions (id, fleet_id, evse_id, arrival_at, expected_departure_at, energy_need_kwh, energy_delivered_kwh, max_power_kw, status, control_channel, can_discharge, source, historical, last_seen_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, 'charging', $8, false, $9, false, $4, $4, $4)`,
      [sessionId, at.fleetId, evseId, new Date(now.getTime() - 600_000), new Date(now.getTime() + 8 * 3600_000), s.needKwh, s.maxKw, s.channel, s.channel === 'ocpp' ? 'ocpp' : s.channel],
    );
    const meterKw = s.meterKw === undefined ? s.maxKw : s.meterKw;
    if (meterKw !== null) {
      await m.query(`INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, source) VALUES ($1, $2, $3, 0, $4)`, [sessionId, now, meterKw, s.channel]);
    }
    if (s.party) {
      await m.query(
        `INSERT INTO external_ids (id, entity_type, entity_id, country_code, party_id, external_id, created_at) VALUES ($1, 'session', $2, $3, $4, $5, $6)`,
        [randomUUID(), sessionId, s.party.countryCode, s.party.partyId, `ext-${sessionId}`, now],
      );
    }
  });
  return sessionId;
}
