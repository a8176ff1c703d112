import { createHash, randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { ImportedSession } from '@vpp/fleet';
import { PollVehicleStatesUseCase } from '@vpp/oem';
import { Decimal, EnergyKwh, parseDecimal, PowerKw, RoundingMode } from '@vpp/units';
import type { SimVehicleSeed } from '../../apps/simulator/src/oem/acn-sim-vehicles.reader';
import { depotEan } from '../../apps/simulator/src/depot/depot-bootstrap';
import { SimulatedOemCloud } from '../../apps/simulator/src/oem/simulated-oem-cloud';
import { callApi } from './http-client';
import type { DayParticipant } from './day-driver';
import type { Parties, Party } from './seed-parties';
import type { SimulatedClock } from './sim-clock';

// ASSUMED: one session in OEM_SHARE of the day is an OEM-connected car (the files name no car
// makers), at most MAX_VEHICLES; the slot is disjoint from the depot's (depot-stage.ts, the last of each 25).
export const OEM_SHARE = 25;
const OEM_SLOT = 12;
const MAX_VEHICLES = 60;
const OEM_NAME = 'demo-oem';
// ASSUMED where the source records no power: an 11 kW on-board charger.
const DEFAULT_MAX_KW = parseDecimal('11');
const MAX_AC_KW = parseDecimal('22');
// ASSUMED battery: the simulator's 60 kWh mid-size car, larger where the session's energy would not
// fit between the 5 % floor and the 80 % target (energy / 0.75).
const MIN_BATTERY_KWH = parseDecimal('60');
const USABLE_SHARE = parseDecimal('0.75');
// How long (wall clock) the simulated cloud takes to apply a command and report it.
const COMMAND_LATENCY_MS = 200;
// The OEM budget of the simulated cloud and of our client (per minute, wall clock): ASSUMED a
// partner contract's rate, so the accelerated day's polls (a simulated day in a few minutes) fit.
const RATE_LIMIT_PER_MINUTE = 20_000;
// Polls every 5 simulated minutes, every minute inside the sampled 4-s window (as the depot meters).
const POLL_COARSE_MS = 300_000;
const POLL_FINE_MS = 60_000;
const CONCURRENCY = 8;
// ASSUMED (no public data): the cars' wallboxes at one site of their fleet owner, a 1 MW connection
// (fuse 1.25 MW) as the depot's, 22 kW 3-phase AC wallboxes (the car's own power limits the session).
const SITE_IMPORT_KW = '1000';
const SITE_FUSE_KW = '1250';
const WALLBOX_KW = '22';

/** Which of the day's sessions are OEM-connected cars (the others go to the CPOs or the depot). */
export function isOemSession(index: number, total: number): boolean {
  return index % OEM_SHARE === OEM_SLOT && Math.floor(index / OEM_SHARE) < Math.min(MAX_VEHICLES, Math.floor(total / OEM_SHARE));
}

/** The derived_inputs line of the OEM cars. */
export function oemAssumption(vehicles: number, ownerName: string): string {
  return `OEM cars ASSUMED: ${vehicles} of the day's sessions (one in ${OEM_SHARE}, at most ${MAX_VEHICLES}) are cars linked to the simulated OEM cloud "${OEM_NAME}" (apps/simulator SimulatedOemCloud on the demo's clock), ` +
    `charging at ${ownerName}'s wallboxes (one 22 kW AC wallbox each, at one site with an assumed 1 MW connection), plugged in from the session's arrival to its departure; battery max(60 kWh, energy / 0.75), charging power the session's observed max (else 11 kW, at most 22 kW), arrival SoC so that the session's energy reaches 80 %; ` +
    `the cloud pushes plug events as signed webhooks, the platform polls states every ${POLL_COARSE_MS / 60_000} simulated minutes (every ${POLL_FINE_MS / 60_000} in the sampled window); meter energy MEASURED: the car's own charged-energy counter in each state (charge_energy_added_kwh, since plug-in), derived from the OEM's power readings (trapezoid) only where the counter restarted`;
}

export interface OemCounts {
  readonly vehicles: number;
  readonly linked: number;
  readonly plugEventsPushed: number;
  readonly webhookStatuses: Record<string, number>;
  readonly pollRounds: number;
  readonly statesPolled: number;
  readonly needsStated: number;
  /** Requests the simulated cloud answered (state reads, commands, tokens, throttled). */
  readonly cloudRequests: Record<string, number>;
  /** Commands the simulated cars applied, by OEM command type (start, stop, charge_limit). */
  readonly commandsApplied: Record<string, number>;
}

interface Car {
  readonly seed: SimVehicleSeed;
  readonly session: ImportedSession;
  owner: Party | null;
  vehicleId: string | null;
}

/**
 * OEM-connected cars as the third control channel: a simulated car maker's cloud (apps/simulator
 * SimulatedOemCloud, its cars on the demo's clock) that the platform reaches through its production
 * OEM adapter (libs/oem: OAuth, polling, HMAC-signed webhooks). The fleet owner registers each car
 * and links it to its OEM account and to the charger it uses (POST /v1/vehicles/:id/oem-link); from
 * then on the cars' plug-in and unplug events, pushed by the cloud, open and finish `oem`-channel
 * sessions (libs/oem OemSessionTracker), the platform's polls become their meter values, and the
 * dispatcher's OEM commands (stop, start, charge limit) reach the cars through the cloud.
 */
export class SimulatedOemFleet {
  private plugEvents = 0;
  private readonly webhookStatuses: Record<string, number> = {};
  private pollRounds = 0;
  private statesPolled = 0;
  private needsStated = 0;
  private lastPollMs = Number.NEGATIVE_INFINITY;
  private readonly stated = new Set<string>();

  private constructor(
    private readonly cloud: SimulatedOemCloud,
    private readonly cars: Car[],
    /** The OEM_CLOUDS entry the platform is configured with (env of startPlatform). */
    readonly env: Record<string, string>,
  ) {}

  /** Starts the simulated cloud (before the platform: its URL goes into the platform's OEM_CLOUDS). */
  static async start(sessions: readonly ImportedSession[], clock: SimulatedClock): Promise<SimulatedOemFleet> {
    const cars: Car[] = sessions.map((session, i) => {
      const observed = session.maxPower?.value ?? null;
      const maxPowerKw = observed !== null && observed.gt(0) ? Decimal.min(MAX_AC_KW, observed) : DEFAULT_MAX_KW;
      const energy = session.energy.value;
      return {
        session,
        owner: null,
        vehicleId: null,
        seed: {
          oemVehicleRef: `demo-car-${i + 1}`,
          accountId: `demo-oem-account-${i + 1}`,
          sourceSessionId: session.sessionId,
          arrivalAt: session.arrival,
          requestedDepartureAt: session.departure,
          unplugAt: session.departure,
          requestedEnergyKwh: energy,
          batteryKwh: Decimal.max(MIN_BATTERY_KWH, energy.dividedBy(USABLE_SHARE)).toDecimalPlaces(1, Decimal.ROUND_UP),
          maxPowerKw,
        },
      };
    });
    const clientId = `demo-client-${randomBytes(4).toString('hex')}`;
    const clientSecret = randomBytes(18).toString('base64url');
    const webhookSecret = randomBytes(24).toString('base64url');
    const cloud = new SimulatedOemCloud({
      vehicles: cars.map((c) => c.seed),
      clientId,
      clientSecret,
      webhookUrl: 'http://127.0.0.1:9/not-yet',
      webhookSecret,
      rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
      commandLatencyMs: COMMAND_LATENCY_MS,
      now: () => clock.now(),
    });
    const url = await cloud.start();
    const entry = {
      name: OEM_NAME, baseUrl: url, auth: { type: 'oauth-client-credentials', tokenUrl: `${url}/oauth/token`, clientId, clientSecret },
      pollIntervalMs: POLL_COARSE_MS, rateLimitPerMinute: RATE_LIMIT_PER_MINUTE, webhookSecret,
    };
    // The demo runs the polling rounds itself, on the simulated clock (advance); the wall-clock poller stays off.
    return new SimulatedOemFleet(cloud, cars, { OEM_CLOUDS: JSON.stringify([entry]), OEM_POLLING_ENABLED: 'false' });
  }

  get vehicles(): number {
    return this.cars.length;
  }

  /**
   * The second fleet owner's OEM cars (the first runs the depot): over the API it creates their
   * fleet, a site with its grid connection and one wallbox (no protocol: the car is steered through
   * its maker) per car, registers each car and links it to its OEM account and its wallbox; the
   * aggregator pools the site. The cloud's webhooks go to the platform from now on.
   */
  async link(baseUrl: string, parties: Parties, portfolioId: string): Promise<{ siteId: string; linked: number }> {
    this.cloud.sendWebhooksTo(`${baseUrl}/oem/webhooks/${OEM_NAME}`);
    const owner = parties.fleetOwners[1];
    const prefix = `DEMO-OEM-${randomBytes(3).toString('hex').toUpperCase()}`;
    const as = { key: owner.key };
    const fleet = await callApi<{ id: string }>(baseUrl, 'POST', '/v1/fleets', as, { name: `${owner.name} OEM-connected cars` }, [200, 201]);
    const site = await callApi<{ id: string }>(baseUrl, 'POST', `/v1/fleets/${fleet.id}/sites`, as, {
      name: `${owner.name}: the OEM-connected cars' wallboxes (assumed 1 MW connection)`,
      reference: `${prefix}-site`,
      country: 'NL',
      innovationCluster: 'workplace',
      timezone: 'Europe/Amsterdam',
      gridConnection: { ean: depotEan(owner.key, prefix), importLimitKw: SITE_IMPORT_KW, exportLimitKw: SITE_IMPORT_KW, fuseLimitKw: SITE_FUSE_KW, dso: parties.dso.name },
    }, [200, 201]);
    let linked = 0;
    for (const car of this.cars) {
      const ref = car.seed.oemVehicleRef;
      const wallbox = await callApi<{ evses: { id: string }[] }>(baseUrl, 'POST', `/v1/sites/${site.id}/charge-points`, as, {
        protocol: 'none', reference: `${prefix}-${ref}`, vendor: 'demo', model: 'AC wallbox, steered through the car maker',
        evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: WALLBOX_KW, bidirectional: false, iso15118_20: false }],
      }, [200, 201]);
      const vehicle = await callApi<{ id: string }>(baseUrl, 'POST', `/v1/fleets/${fleet.id}/vehicles`, as, {
        pseudonymousId: `oem-car:${createHash('sha256').update(`${prefix}|${car.seed.accountId}`).digest('hex').slice(0, 24)}`, batteryKwh: car.seed.batteryKwh?.toFixed(1), maxAcChargeKw: car.seed.maxPowerKw?.toFixed(3), v2gCapable: false, oem: OEM_NAME,
      }, [200, 201]);
      await callApi(baseUrl, 'POST', `/v1/vehicles/${vehicle.id}/oem-link`, as, { oem: OEM_NAME, accountId: car.seed.accountId, oemVehicleRef: ref, evseId: wallbox.evses[0].id }, [201]);
      car.owner = owner;
      car.vehicleId = vehicle.id;
      linked += 1;
    }
    await callApi(baseUrl, 'PUT', `/v1/portfolios/${portfolioId}/sites/${site.id}`, { key: parties.operator.key }, undefined, [200, 201, 204]);
    return { siteId: site.id, linked };
  }

  /**
   * Brings the cars to `now`: plug events since the last call go out as signed webhooks (which
   * open and finish the sessions), the platform's polling round runs when its interval has passed
   * (production PollVehicleStatesUseCase: states, meter values), and each newly opened session's
   * driver states the need through the mobility-needs API, as the other drivers do.
   */
  async advance(app: NestFastifyApplication, baseUrl: string, dataSource: DataSource, now: Date, pollEveryMs: number): Promise<void> {
    for (const status of await this.cloud.pushPlugChanges()) {
      this.plugEvents += 1;
      this.webhookStatuses[String(status)] = (this.webhookStatuses[String(status)] ?? 0) + 1;
    }
    if (now.getTime() - this.lastPollMs >= pollEveryMs) {
      const round = await app.get(PollVehicleStatesUseCase, { strict: false }).execute(OEM_NAME);
      this.pollRounds += 1;
      this.statesPolled += round.updated + round.unchanged;
      this.lastPollMs = now.getTime();
    }
    await this.stateNeeds(baseUrl, dataSource);
  }

  /** The cars as the day driver advances them: polled every 5 simulated minutes, every minute inside the sampled window. */
  participant(app: NestFastifyApplication, baseUrl: string, dataSource: DataSource): DayParticipant {
    return {
      advance: (now, inWindow) => this.advance(app, baseUrl, dataSource, now, inWindow ? POLL_FINE_MS : POLL_COARSE_MS),
      counts: () => ({ ...this.counts() }),
    };
  }

  /**
   * ASSUMED as for the CPO drivers (driver-needs-stage.ts): at plug-in each driver states the
   * energy its data session took and its plug-out time, here through the car owner's own key.
   */
  private async stateNeeds(baseUrl: string, dataSource: DataSource): Promise<void> {
    const vehicleIds = this.cars.flatMap((c) => (c.vehicleId === null ? [] : [c.vehicleId]));
    if (vehicleIds.length === 0) return;
    const rows: { id: string; vehicle_id: string }[] = await dataSource.query(
      `SELECT id, vehicle_id FROM sessions WHERE source = 'oem' AND vehicle_id = ANY($1::uuid[]) AND status IN ('plugged_in', 'charging', 'suspended')`,
      [vehicleIds],
    );
    const work = rows.filter((r) => !this.stated.has(r.id));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < work.length) {
        const row = work[next++];
        const car = this.cars.find((c) => c.vehicleId === row.vehicle_id);
        if (car?.owner == null) continue;
        await callApi(baseUrl, 'PUT', `/v1/sessions/${row.id}/needs`, { key: car.owner.key }, {
          departureAt: car.session.departure.toISOString(),
          energyNeedKwh: car.session.energy.toString(),
          source: 'driver-app',
        });
        this.stated.add(row.id);
        this.needsStated += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  counts(): OemCounts {
    return {
      vehicles: this.cars.length,
      linked: this.cars.filter((c) => c.vehicleId !== null).length,
      plugEventsPushed: this.plugEvents,
      webhookStatuses: { ...this.webhookStatuses },
      pollRounds: this.pollRounds,
      statesPolled: this.statesPolled,
      needsStated: this.needsStated,
      cloudRequests: { ...this.cloud.requests },
      commandsApplied: { ...this.cloud.applied },
    };
  }

  /**
   * The OEM sessions' figures after the day: opened, finished, meter values, energy against the
   * stated need (the outcome figures' rule: final energy = the larger of the session's kWh and its
   * meter values' register increase; still plugged at the day's end counts as met when the rest is
   * reachable by its departure at full power).
   */
  async outcome(dataSource: DataSource, dayEnd: Date): Promise<Record<string, unknown>> {
    const vehicleIds = this.cars.flatMap((c) => (c.vehicleId === null ? [] : [c.vehicleId]));
    const rows: { id: string; status: string; departed: boolean; need: string | null; departure_at: Date | null; delivered: string; metered: string | null; meter_values: number; max_kw: string }[] = await dataSource.query(
      `SELECT s.id, s.status, s.actual_departure_at IS NOT NULL AS departed, n.energy_need_kwh::text AS need, n.departure_at,
              s.energy_delivered_kwh::text AS delivered,
              (SELECT (max(mv.energy_register_kwh) - min(mv.energy_register_kwh))::text FROM meter_values mv WHERE mv.session_id = s.id) AS metered,
              (SELECT count(*)::int FROM meter_values mv WHERE mv.session_id = s.id) AS meter_values,
              LEAST(COALESCE(s.max_power_kw, e.max_power_kw), e.max_power_kw)::text AS max_kw
         FROM sessions s JOIN evses e ON e.id = s.evse_id LEFT JOIN mobility_needs n ON n.session_id = s.id
        WHERE s.source = 'oem' AND s.control_channel = 'oem' AND s.vehicle_id = ANY($1::uuid[])`,
      [vehicleIds],
    );
    let needMet = 0;
    let stillPluggedOnTrack = 0;
    let deliveredKwh = EnergyKwh.zero();
    let needKwh = EnergyKwh.zero();
    for (const row of rows) {
      const delivered = EnergyKwh.fromString(row.delivered);
      const metered = row.metered === null ? EnergyKwh.zero() : EnergyKwh.fromString(row.metered);
      const final = metered.greaterThan(delivered) ? metered : delivered;
      deliveredKwh = deliveredKwh.add(final);
      if (row.need === null) continue;
      const need = EnergyKwh.fromString(row.need);
      needKwh = needKwh.add(need);
      if (!final.lessThan(need)) needMet += 1;
      else if (!row.departed && row.departure_at !== null && row.departure_at.getTime() > dayEnd.getTime()) {
        const hours = new Decimal(row.departure_at.getTime() - dayEnd.getTime()).dividedBy(3_600_000);
        if (!final.add(PowerKw.fromString(row.max_kw).times(hours)).lessThan(need)) {
          needMet += 1;
          stillPluggedOnTrack += 1;
        }
      }
    }
    return {
      sessionsOpened: rows.length,
      sessionsFinished: rows.filter((r) => r.status === 'finished').length,
      withNeed: rows.filter((r) => r.need !== null).length,
      needMet,
      stillPluggedOnTrack,
      meterValues: rows.reduce((n, r) => n + r.meter_values, 0),
      deliveredKwh: deliveredKwh.toFixed(3, RoundingMode.HALF_EVEN),
      needKwh: needKwh.toFixed(3, RoundingMode.HALF_EVEN),
    };
  }

  async close(): Promise<void> {
    await this.cloud.stop();
  }
}
