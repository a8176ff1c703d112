import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { readElaadNlSessions } from '@vpp/fleet';
import { ChargePointFleet } from '../charge-points/charge-point-fleet';
import { replayedSessionsOf } from '../cpo/cpo-replay';
import { SimulatedCpo } from '../cpo/simulated-cpo';
import { BootstrappedDepot, bootstrapDepot } from '../depot/depot-bootstrap';

const PARTY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** What the runner started: the CPOs (with their party ids) and the station ids. */
export interface StartedCounterparties {
  readonly cpos: readonly SimulatedCpo[];
  readonly stationIds: readonly string[];
}

function randomPartyIds(count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add([...randomBytes(3)].map((byte) => PARTY_ID_ALPHABET[byte % PARTY_ID_ALPHABET.length]).join(''));
  return [...ids];
}

/**
 * Starts the configured counterparties of the simulator app once it has booted: SIMULATOR_CPOS
 * CPOs speaking OCPI 2.2.1 to the connector (each replaying the same first real sessions, so their
 * session ids collide on purpose) and SIMULATOR_OCPP_STATIONS OCPP 2.1 stations connecting to the
 * connector's /ocpp. Token A and station registration go through the api with SIMULATOR_API_KEY,
 * as an operator would do them. It waits for the connector (and api) to answer first, so the apps
 * can start in any order; on shutdown the stations end their transactions and the CPOs close.
 */
@Injectable()
export class SimulatedCounterpartiesRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulatedCounterpartiesRunner.name);
  private readonly stopping = new AbortController();
  private readonly cpos: SimulatedCpo[] = [];
  private fleet: ChargePointFleet | null = null;
  private fleetRun: Promise<void> | null = null;
  private starting: Promise<StartedCounterparties> | null = null;
  /** The depot bootstrapped through the api, when no fleet and site were configured. */
  depot: BootstrappedDepot | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const sim = this.config.simulator;
    const runCpos = sim.cpo.count > 0 && (sim.cpo.tokensA !== undefined || sim.apiKey !== undefined);
    const runStations = sim.ocpp.stations > 0 && sim.apiKey !== undefined;
    if (sim.cpo.count > 0 && !runCpos) this.logger.warn('simulated CPOs not started: set SIMULATOR_API_KEY (an operator admin key) or SIMULATOR_CPO_TOKENS_A');
    if (sim.ocpp.stations > 0 && !runStations) this.logger.warn('simulated OCPP stations not started: set SIMULATOR_API_KEY (an operator admin key) to register them');
    if (!runCpos && !runStations) return;
    this.starting = this.start(runCpos, runStations);
    this.starting.catch((error: unknown) => {
      if (!this.stopping.signal.aborted) this.logger.error({ err: error }, 'simulated counterparties failed to start');
    });
  }

  /** Resolves once every configured CPO has registered and pushed its sessions and the stations run. */
  async started(): Promise<StartedCounterparties> {
    if (!this.starting) return { cpos: [], stationIds: [] };
    return this.starting;
  }

  /** Resolves when the stations have replayed their sessions to departure (or were stopped). */
  async stationsDone(): Promise<void> {
    await this.started();
    await this.fleetRun;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.starting?.catch(() => undefined);
    // The stations end their transactions (the loop sees the abort), then hang up.
    await this.fleetRun?.catch(() => undefined);
    await this.fleet?.close();
    await Promise.all(this.cpos.map((cpo) => cpo.stop()));
  }

  private async start(runCpos: boolean, runStations: boolean): Promise<StartedCounterparties> {
    const sim = this.config.simulator;
    await this.waitFor(`${sim.connectorUrl}/health/live`);
    if (sim.apiKey !== undefined) await this.waitFor(`${sim.apiUrl}/health/live`);
    const file = join(this.config.dataDir, sim.sessionsFile);
    const cpos = runCpos ? await this.startCpos(file) : [];
    const stationIds = runStations ? await this.startStations(file) : [];
    return { cpos, stationIds };
  }

  private async startCpos(file: string): Promise<SimulatedCpo[]> {
    const { connectorUrl, cpo: settings } = this.config.simulator;
    const sessions = replayedSessionsOf(readElaadNlSessions(file).sessions.slice(0, settings.sessions));
    const partyIds = settings.partyIds ?? randomPartyIds(settings.count);
    for (const [index, partyId] of partyIds.entries()) {
      this.assertRunning();
      const cpo = new SimulatedCpo({
        countryCode: settings.countryCode,
        partyId,
        name: `Simulated CPO ${partyId}`,
        commandLatencyMs: settings.commandLatencyMs,
        ignoreShare: settings.ignorePercent / 100,
      });
      this.cpos.push(cpo);
      const url = await cpo.start();
      const given = settings.tokensA?.[index];
      const { tokenA, versionsUrl } = given !== undefined ? { tokenA: given, versionsUrl: `${connectorUrl}/ocpi/versions` } : await this.issueTokenA(partyId);
      const answer = await cpo.register(versionsUrl, tokenA);
      if (answer.status !== 200) throw new Error(`CPO ${settings.countryCode}*${partyId}: registration failed, HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
      this.assertRunning();
      await cpo.pushSessions(sessions, new Date());
      this.logger.log({ cpo: `${settings.countryCode}*${partyId}`, url, sessions: sessions.length }, 'simulated CPO registered and pushed its sessions');
    }
    return this.cpos;
  }

  private async startStations(file: string): Promise<string[]> {
    const { connectorUrl, ocpp } = this.config.simulator;
    const stationIds: string[] = [];
    // Without a configured fleet and site the simulator creates its own depot through the operator API.
    const depot = ocpp.fleetId === undefined || ocpp.siteId === undefined ? await this.bootstrapDepot() : null;
    for (let n = 1; n <= ocpp.stations; n += 1) {
      this.assertRunning();
      const stationId = `${ocpp.stationPrefix}-${n}`;
      const bidirectional = ocpp.bidirectionalEvery > 0 && (n - 1) % ocpp.bidirectionalEvery === 0;
      if (depot === null) await this.registerStation(stationId, bidirectional);
      stationIds.push(stationId);
    }
    const endpoint = `${connectorUrl.replace(/^http/, 'ws')}/ocpp`;
    this.fleet = new ChargePointFleet({
      endpoint,
      stationPrefix: ocpp.stationPrefix,
      passwordFor: () => ocpp.password,
      sessionsFile: file,
      stations: ocpp.stations,
      bidirectionalEvery: ocpp.bidirectionalEvery,
      responseLatencyMs: 0,
      speedup: ocpp.speedup,
      meterIntervalS: ocpp.meterIntervalS,
    });
    this.fleetRun = this.fleet.run(this.stopping.signal);
    this.fleetRun.then(
      () => this.logger.log({ stations: stationIds.length }, 'simulated OCPP stations replayed their sessions'),
      (error: unknown) => {
        if (!this.stopping.signal.aborted) this.logger.error({ err: error }, 'simulated OCPP stations failed');
      },
    );
    this.logger.log({ endpoint, stations: stationIds.length }, 'simulated OCPP stations connecting');
    return stationIds;
  }

  /** As an operator: onboard the CPO's organisation, then issue its token A (POST /v1/ocpi/parties). */
  private async issueTokenA(partyId: string): Promise<{ tokenA: string; versionsUrl: string }> {
    const countryCode = this.config.simulator.cpo.countryCode;
    const organisation = await this.api<{ id: string }>('POST', '/v1/organisations', { name: `Simulated CPO ${partyId}`, kind: 'cpo', country: countryCode }, [201]);
    return this.api<{ tokenA: string; versionsUrl: string }>('POST', '/v1/ocpi/parties', { organisationId: organisation.id, countryCode, partyId }, [201]);
  }

  /** POST /v1/ocpp/stations with the shared password; a station registered by an earlier run is kept. */
  private async registerStation(stationId: string, bidirectional: boolean): Promise<void> {
    const { ocpp, cpo } = this.config.simulator;
    await this.api('POST', '/v1/ocpp/stations', {
      stationId,
      password: ocpp.password,
      countryCode: cpo.countryCode,
      declaredBidirectional: bidirectional,
      ...(ocpp.fleetId !== undefined && ocpp.siteId !== undefined
        ? { fleetId: ocpp.fleetId, siteId: ocpp.siteId, evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: '22', bidirectional }] }
        : {}),
    }, [201, 409]);
  }

  /** A fleet, depot site and charge points with station credentials of the key's organisation (src/depot/depot-bootstrap.ts). */
  private async bootstrapDepot(): Promise<BootstrappedDepot> {
    const { apiKey, ocpp, cpo } = this.config.simulator;
    const depot = await bootstrapDepot(<T>(method: string, path: string, body: unknown) => this.api<T>(method, path, body, [200, 201]), {
      stationPrefix: ocpp.stationPrefix,
      stations: ocpp.stations,
      password: ocpp.password,
      countryCode: cpo.countryCode,
      isBidirectional: (n) => ocpp.bidirectionalEvery > 0 && (n - 1) % ocpp.bidirectionalEvery === 0,
      apiKey: apiKey ?? '',
    });
    this.logger.log({ fleetId: depot.fleetId, siteId: depot.siteId, stations: depot.stationIds.length }, 'simulated depot bootstrapped through the api');
    this.depot = depot;
    return depot;
  }

  private async api<T>(method: string, path: string, body: unknown, expected: readonly number[]): Promise<T> {
    const apiKey = this.config.simulator.apiKey;
    if (apiKey === undefined) throw new Error('SIMULATOR_API_KEY is not set');
    const response = await fetch(`${this.config.simulator.apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
      signal: this.stopping.signal,
    });
    const text = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return (text.length > 0 ? JSON.parse(text) : {}) as T;
  }

  /** Polls a liveness URL until it answers 200, so the simulator may start before the connector. */
  private async waitFor(url: string): Promise<void> {
    let logged = false;
    for (;;) {
      this.assertRunning();
      const ok = await fetch(url, { signal: this.stopping.signal }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      if (!logged) this.logger.log({ url }, 'waiting for the counterpart to answer');
      logged = true;
      await sleep(1_000, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private assertRunning(): void {
    if (this.stopping.signal.aborted) throw new Error('the simulator is shutting down');
  }
}

@Module({ providers: [SimulatedCounterpartiesRunner], exports: [SimulatedCounterpartiesRunner] })
export class SimulatedCounterpartiesModule {}
