import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExternalParty, UpsertExternalSessionUseCase } from '@vpp/fleet';
import { MeterValueIngestService } from '@vpp/telemetry';
import { EnergyKwh, parseDecimal, PowerKw } from '@vpp/units';
import type { VehicleState } from '../domain/vehicle-state';

/** What a linked vehicle's state did to its `oem` session. */
export type OemSessionOutcome =
  /** Plugged in with no open session: one was opened at the link's EVSE. */
  | 'opened'
  /** Plugged in, its open session updated (status, last seen). */
  | 'updated'
  /** Unplugged: its open session was finished at the state's instant. */
  | 'closed'
  /** Nothing to do: unplugged with no open session, or a state older than what the session holds. */
  | 'unchanged'
  /** Plugged in, but the link names no EVSE: we do not know where the car charges. */
  | 'no-charger'
  /** A late plugged-in state from before the vehicle's last session ended: not a new plug-in. */
  | 'late';

export interface TrackedLink {
  readonly id: string;
  readonly vehicleId: string;
  readonly oem: string;
  readonly oemVehicleRef: string;
  readonly evseId: string | null;
}

export interface OemSessionChange {
  readonly outcome: OemSessionOutcome;
  /** The session the state belongs to (opened, updated or closed), null when none. */
  readonly sessionId: string | null;
}

// External ids are per party: OEM sessions are keyed under the OEM cloud's own party id
// (ExternalParty: `oem-<name>`), the country of the linking organisation.
const PARTY_ID = /[^A-Za-z0-9._-]/g;

/**
 * Turns an OEM vehicle's reported plug state into a live `oem`-channel session (issue 3 item 5):
 * an OEM cloud reports plugged in / SoC / power, never a charging session of its own, so the
 * session is ours to open and close:
 * - plugged in, no open session of the vehicle: one is opened at the link's EVSE (the charger named
 *   at link time), arrival at the state's own instant, control channel and source `oem`, its
 *   max power the car's AC limit when its vehicle record has one;
 * - plugged in, a session open: it is updated (charging while power flows, plugged in otherwise,
 *   last seen now), through the fleet context's order-safe upsert (an older state changes nothing);
 * - unplugged with a session open: it is finished at the state's instant.
 * Idempotent, and safe against out-of-order states: the session's external id is
 * `<oem vehicle ref>@<plug-in instant>`, a state older than the session's last update is ignored by
 * the upsert, and a late plugged-in state from before the vehicle's last session ended opens nothing.
 * Serialised per vehicle by a lock on its oem_links row: FOR NO KEY UPDATE, which does not wait for
 * the key-share lock an uncommitted webhook transaction holds on it (its vehicle_states insert
 * references the link) while that transaction waits for this one.
 */
@Injectable()
export class OemSessionTracker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upsert: UpsertExternalSessionUseCase,
    private readonly telemetry: MeterValueIngestService,
  ) {}

  async track(link: TrackedLink, state: VehicleState, receivedAt: Date): Promise<OemSessionChange> {
    return this.dataSource.transaction(async (manager) => {
      const owner: { organisation_id: string; country: string; fleet_id: string; max_ac_charge_kw: string | null }[] = await manager.query(
        `SELECT l.organisation_id, o.country, v.fleet_id, v.max_ac_charge_kw::text FROM oem_links l JOIN organisations o ON o.id = l.organisation_id JOIN vehicles v ON v.id = l.vehicle_id
          WHERE l.id = $1 FOR NO KEY UPDATE OF l`,
        [link.id],
      );
      if (owner.length === 0) return { outcome: 'unchanged', sessionId: null };
      const party: ExternalParty = { countryCode: owner[0].country, partyId: `oem-${link.oem}`.replace(PARTY_ID, '-').slice(0, 64) };
      const open: { id: string; arrival_at: Date }[] = await manager.query(
        `SELECT id, arrival_at FROM sessions
          WHERE vehicle_id = $1 AND source = 'oem' AND NOT historical AND actual_departure_at IS NULL AND status <> 'finished'
          ORDER BY arrival_at DESC LIMIT 1`,
        [link.vehicleId],
      );
      const session = open[0];
      if (!state.pluggedIn) {
        if (session === undefined || state.observedAt.getTime() < session.arrival_at.getTime()) return { outcome: 'unchanged', sessionId: null };
        const closed = await this.upsert.execute(manager, {
          party, externalSessionId: '', sessionId: session.id, source: 'oem', lastUpdated: state.observedAt, receivedAt,
          fields: { status: 'finished', actualDepartureAt: state.observedAt },
        });
        return { outcome: closed.outcome === 'updated' ? 'closed' : 'unchanged', sessionId: session.id };
      }
      const status = state.chargingPower.value.gt(0) ? 'charging' : 'plugged_in';
      if (session !== undefined) {
        const updated = await this.upsert.execute(manager, {
          party, externalSessionId: '', sessionId: session.id, source: 'oem', lastUpdated: state.observedAt, receivedAt, fields: { status },
        });
        return { outcome: updated.outcome === 'updated' ? 'updated' : 'unchanged', sessionId: session.id };
      }
      if (link.evseId === null) return { outcome: 'no-charger', sessionId: null };
      const ended: { n: number }[] = await manager.query(
        `SELECT count(*)::int AS n FROM sessions WHERE vehicle_id = $1 AND source = 'oem' AND coalesce(actual_departure_at, arrival_at) >= $2`,
        [link.vehicleId, state.observedAt],
      );
      if ((ended[0]?.n ?? 0) > 0) return { outcome: 'late', sessionId: null };
      const opened = await this.upsert.execute(manager, {
        party,
        externalSessionId: `${link.oemVehicleRef}@${state.observedAt.toISOString()}`,
        source: 'oem',
        lastUpdated: state.observedAt,
        receivedAt,
        fields: {
          fleetId: owner[0].fleet_id, evseId: link.evseId, vehicleId: link.vehicleId, arrivalAt: state.observedAt, status, controlChannel: 'oem', canDischarge: false,
          // The car's own AC limit, where its record has one (the EVSE's rating caps it further).
          ...(owner[0].max_ac_charge_kw === null ? {} : { maxPowerKw: PowerKw.fromString(owner[0].max_ac_charge_kw) }),
        },
      });
      return { outcome: opened.outcome === 'created' ? 'opened' : 'updated', sessionId: opened.sessionId };
    });
  }

  /**
   * The energy the session has taken so far, as its meter values (the OEM's power integrated by
   * VehicleStateTelemetry) stand at the state's instant, onto the session (`energy_delivered_kwh`,
   * which the planner and dispatcher read against the need). Never lowers what the session holds.
   */
  async recordDelivered(sessionId: string, state: VehicleState, receivedAt: Date): Promise<void> {
    const latest = await this.telemetry.latestAtOrBefore(sessionId, state.observedAt);
    if (latest === null) return;
    const register = parseDecimal(latest.energyRegisterKwh);
    await this.dataSource.transaction(async (manager) => {
      const held: { kwh: string }[] = await manager.query(`SELECT energy_delivered_kwh::text AS kwh FROM sessions WHERE id = $1 FOR NO KEY UPDATE`, [sessionId]);
      if (held.length === 0 || parseDecimal(held[0].kwh).gte(register)) return;
      // With our session id given, the upsert neither reads nor claims the party's external id.
      await this.upsert.execute(manager, {
        party: { countryCode: 'NL', partyId: 'oem' }, externalSessionId: '', sessionId, source: 'oem', lastUpdated: state.observedAt, receivedAt,
        fields: { energyDeliveredKwh: EnergyKwh.of(register) },
      });
    });
  }
}
