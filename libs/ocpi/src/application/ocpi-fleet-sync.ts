import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  EnsureFleetUseCase,
  ExternalParty,
  FleetError,
  resolveExternalId,
  SessionStatus,
  UpsertExternalEvseUseCase,
  UpsertExternalLocationUseCase,
  UpsertExternalSessionUseCase,
} from '@vpp/fleet';
import { PowerKw } from '@vpp/units';
import { alpha2Of } from '../domain/country-codes';
import { OcpiError } from '../domain/ocpi.errors';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import type { OcpiConnector, OcpiEvse, OcpiLocation } from '../protocol/location.schema';
import { ocpiKwh } from '../protocol/ocpi-primitives';
import type { OcpiChargingPreferences, OcpiSession } from '../protocol/session.schema';

const PHASES: Record<OcpiConnector['power_type'], 1 | 2 | 3> = { AC_1_PHASE: 1, AC_2_PHASE: 2, AC_2_PHASE_SPLIT: 2, AC_3_PHASE: 3, DC: 3 };

// mod_sessions SessionStatus -> our lifecycle. PENDING: plugged in, not yet charging.
const STATUS: Record<OcpiSession['status'], SessionStatus> = {
  ACTIVE: 'charging',
  PENDING: 'plugged_in',
  RESERVATION: 'planned',
  COMPLETED: 'finished',
  INVALID: 'finished',
};

/** Max power of an EVSE: its strongest connector, from max_electric_power (W) or V x A x phases. */
function maxPowerKwOf(evse: OcpiEvse): PowerKw {
  const watts = evse.connectors.map((c) => c.max_electric_power ?? c.max_voltage * c.max_amperage * (c.power_type === 'DC' ? 1 : PHASES[c.power_type]));
  return PowerKw.fromString((Math.max(...watts) / 1000).toFixed(3));
}

/** What the fleet model takes from a Session (the token identifiers are not among it). */
export type FleetSessionFields = Pick<OcpiSession, 'id' | 'evse_uid' | 'location_id' | 'start_date_time' | 'end_date_time' | 'kwh' | 'status' | 'last_updated'>;

/** Our fleet session a Session was written to; `created`: by this write (so it holds no meter values yet). */
export interface FleetSessionWritten {
  readonly id: string;
  readonly created: boolean;
}

export function externalPartyOf(party: OcpiPartyEntity): ExternalParty {
  return { countryCode: party.countryCode, partyId: party.partyId };
}

/**
 * Feeds what a CPO pushes into the fleet model (libs/fleet), inside the caller's transaction, so
 * the OCPI copy and our model never disagree: sites per Location, EVSEs per EVSE, sessions per
 * (party, session id).
 */
@Injectable()
export class OcpiFleetSync {
  // Hot-path caches (every Session PATCH needs both ids). Only committed, never-deleted rows go
  // in: the fleet is ensured in a transaction of its own, EVSE ids are read, never created here.
  private readonly fleetIds = new Map<string, string>();
  private readonly evseIds = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ensureFleet: EnsureFleetUseCase,
    private readonly upsertLocation: UpsertExternalLocationUseCase,
    private readonly upsertEvse: UpsertExternalEvseUseCase,
    private readonly upsertSession: UpsertExternalSessionUseCase,
  ) {}

  private async fleetOf(party: OcpiPartyEntity): Promise<string> {
    const cached = this.fleetIds.get(party.id);
    if (cached) return cached;
    const fleetId = await this.ensureFleet.execute(this.dataSource.manager, {
      organisationId: party.organisationId,
      name: `OCPI ${party.countryCode}*${party.partyId}`,
    });
    this.fleetIds.set(party.id, fleetId);
    return fleetId;
  }

  private async evseOf(manager: EntityManager, party: OcpiPartyEntity, evseUid: string): Promise<string | null> {
    const key = `${party.id}/${evseUid}`;
    const cached = this.evseIds.get(key);
    if (cached) return cached;
    const evseId = await resolveExternalId(manager, 'evse', externalPartyOf(party), evseUid);
    if (evseId !== null) {
      if (this.evseIds.size > 100_000) this.evseIds.clear();
      this.evseIds.set(key, evseId);
    }
    return evseId;
  }

  async location(manager: EntityManager, party: OcpiPartyEntity, location: OcpiLocation): Promise<void> {
    const externalParty = externalPartyOf(party);
    const { siteId } = await this.upsertLocation.execute(manager, {
      party: externalParty,
      externalLocationId: location.id,
      organisationId: party.organisationId,
      fleetId: await this.fleetOf(party),
      name: location.name ?? location.address,
      country: alpha2Of(location.country, party.countryCode),
      innovationCluster: location.parking_type === 'ON_DRIVEWAY' ? 'home' : 'public',
      timezone: location.time_zone,
    });
    for (const evse of location.evses ?? []) {
      if (evse.status === 'REMOVED') continue;
      await this.upsertEvse.execute(manager, {
        party: externalParty,
        siteId,
        externalChargePointId: `${location.id}/${evse.uid}`,
        chargePoint: { protocol: 'ocpi', ocppVersion: null, vendor: null, model: null },
        externalEvseId: evse.uid,
        currentType: evse.connectors.some((c) => c.power_type === 'DC') ? 'DC' : 'AC',
        phases: PHASES[evse.connectors[0].power_type],
        maxPowerKw: maxPowerKwOf(evse),
        bidirectional: false,
        iso15118_20: false,
      });
    }
  }

  /**
   * Our fleet session for a Session. `fleetSessionId` (ocpi_sessions.fleet_session_id), when known,
   * skips its lookup; `likelyNew` (we hold no row of this Session yet) claims its external id first.
   */
  async session(manager: EntityManager, party: OcpiPartyEntity, session: FleetSessionFields, fleetSessionId: string | null, likelyNew = false): Promise<FleetSessionWritten> {
    const externalParty = externalPartyOf(party);
    const evseId = await this.evseOf(manager, party, session.evse_uid);
    if (evseId === null) throw new OcpiError('OCPI_UNKNOWN_LOCATION', `Unknown EVSE ${session.evse_uid} at location ${session.location_id}`);
    const result = await this.upsertSession.execute(manager, {
      party: externalParty,
      externalSessionId: session.id,
      ...(fleetSessionId === null ? { likelyNew } : { sessionId: fleetSessionId }),
      source: 'ocpi',
      lastUpdated: session.last_updated,
      fields: {
        fleetId: await this.fleetOf(party),
        evseId,
        arrivalAt: session.start_date_time,
        actualDepartureAt: session.end_date_time ?? null,
        energyDeliveredKwh: ocpiKwh(session.kwh),
        status: STATUS[session.status],
        controlChannel: 'ocpi',
      },
    });
    return { id: result.sessionId, created: result.outcome === 'created' };
  }

  async preferences(manager: EntityManager, party: OcpiPartyEntity, sessionId: string, lastUpdated: Date, preferences: OcpiChargingPreferences): Promise<void> {
    await this.upsertSession.execute(manager, {
      party: externalPartyOf(party),
      externalSessionId: sessionId,
      source: 'ocpi',
      lastUpdated,
      fields: {
        expectedDepartureAt: preferences.departure_time ?? null,
        energyNeedKwh: preferences.energy_need === undefined ? null : ocpiKwh(preferences.energy_need),
        canDischarge: preferences.discharge_allowed ?? false,
      },
    });
  }
}

export function isFleetInputError(error: unknown): error is FleetError {
  return error instanceof FleetError && ['INVALID_SESSION_TRANSITION', 'DEPARTURE_BEFORE_ARRIVAL', 'ZERO_ENERGY_NEED', 'INVALID_SOC', 'INCOMPLETE_SESSION', 'INVALID_EAN'].includes(error.code);
}
