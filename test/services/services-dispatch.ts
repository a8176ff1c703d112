import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TsoFeedCredentials } from '@vpp/dispatch';
import { withEanCheckDigit } from '@vpp/fleet';
import { eventually } from '@vpp/testing';
import { SimulatedChargePoint } from '../../apps/simulator/src/charge-points/simulated-charge-point';
import { callApi, type ScenarioRun } from './services-scenario';

/** What the dispatch stage assumed (no public data for it); reported with its figures. */
export const DISPATCH_DERIVED_INPUTS = [
  'depot site ASSUMED: one 11 kW AC OCPP 2.1 station of the fleet owner behind a 100 kW grid connection, its EV needing 30 kWh by 8 hours from now',
  'aFRR activation ASSUMED: a constant 0.005 MW upward setpoint, re-sent every second as a TSO re-sends its 4-second setpoints (no public aFRR activation series)',
  'TSO feed key issued with the dispatch library on the shared database (no operator API issues feed keys yet)',
] as const;

// The ASSUMED activation: 5 kW up = 5 kW less consumption than the EV's uncontrolled 11 kW.
const SETPOINT_MW = 0.005;
const STATION_MAX_W = 11_000;
const WAIT_MS = 60_000;

export interface DispatchStage {
  readonly apiUrl: string;
  /** The connector's base URL: the station's WebSocket lands there (`/ocpp`). */
  readonly connectorUrl: string;
  /** The dispatcher's base URL: the TSO's HTTP feed (`/v1/dispatch/tso-feed/messages`). */
  readonly dispatcherUrl: string;
  readonly dataSource: DataSource;
}

export interface PooledDepot {
  readonly portfolioId: string;
  readonly siteId: string;
  readonly stationId: string;
  readonly password: string;
  readonly feedKey: string;
}

export interface DispatchProof {
  readonly portfolioId: string;
  /** The CentralSetpoint (W) the station received after the activation: the first below its maximum. */
  readonly stationSetpointW: number;
  /** The TSO feed's answers to the setpoints sent until that profile arrived. */
  readonly feedOutcomes: Record<string, number>;
  /** The dispatch command of that profile as the dispatcher recorded it and the connector answered it. */
  readonly command: { readonly kind: string; readonly powerKw: string; readonly status: string; readonly ocppStatus: string; readonly latencyMs: number | null };
  /** Milliseconds from the station's connect to its charging session, to the lowered profile, to the answered command. */
  readonly phasesMs: { readonly session: number; readonly profile: number; readonly command: number };
  readonly derived_inputs: typeof DISPATCH_DERIVED_INPUTS;
}

/**
 * Through the API: the fleet owner adds a depot site with its grid connection and an OCPP station
 * (identity and password), the aggregator creates an aFRR portfolio and pools the site (under the
 * fleet owner's delegation); then the portfolio gets its TSO feed key.
 */
export async function poolDepot(stage: DispatchStage, run: ScenarioRun): Promise<PooledDepot> {
  const { apiUrl } = stage;
  const fleets = await callApi<{ id: string; name: string }[]>(apiUrl, 'GET', '/v1/fleets', { key: run.fleetOwner.key }, undefined, [200]);
  const fleet = fleets.find((f) => f.name === 'Services fleet');
  if (fleet === undefined) throw new Error(`the fleet owner's fleet is not listed: ${JSON.stringify(fleets)}`);
  const site = await callApi<{ id: string }>(apiUrl, 'POST', `/v1/fleets/${fleet.id}/sites`, { key: run.fleetOwner.key }, {
    name: 'Services depot', reference: 'services-depot', country: 'NL', innovationCluster: 'depot', timezone: 'Europe/Amsterdam',
    gridConnection: { ean: withEanCheckDigit('87199900009999999'), importLimitKw: '100', exportLimitKw: '100', dso: 'Services DSO' },
  }, [201]);
  const stationId = `SVC-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await callApi(apiUrl, 'POST', `/v1/sites/${site.id}/charge-points`, { key: run.fleetOwner.key }, {
    protocol: 'ocpp', ocppVersion: '2.1', stationId, password,
    evses: [{ evseNumber: 1, currentType: 'AC', phases: 3, maxPowerKw: '11', bidirectional: false, iso15118_20: false }],
  }, [201]);
  const portfolio = await callApi<{ id: string }>(apiUrl, 'POST', '/v1/portfolios', { key: run.operator.key }, { name: 'Services aFRR pool', biddingZone: 'NL', markets: ['afrr'] }, [201]);
  await callApi(apiUrl, 'PUT', `/v1/portfolios/${portfolio.id}/sites/${site.id}`, { key: run.operator.key }, undefined, [200, 201, 204]);
  const feed = await new TsoFeedCredentials(stage.dataSource).issue(portfolio.id, 'services test TSO');
  return { portfolioId: portfolio.id, siteId: site.id, stationId, password, feedKey: feed.apiKey };
}

/**
 * The aFRR activation across the processes: the station connects to the connector process and
 * starts charging, the TSO posts aFRR setpoints to the dispatcher process's HTTP feed, and the
 * dispatcher's loop steers the session: its command goes over the queue to the connector, which holds
 * the station's socket and sends SetChargingProfile. The station's own record of what it received is the proof.
 */
export async function activateDepot(stage: DispatchStage, depot: PooledDepot): Promise<DispatchProof> {
  const { dataSource } = stage;
  const started = Date.now();
  const station = new SimulatedChargePoint({ endpoint: `${stage.connectorUrl.replace(/^http/, 'ws')}/ocpp`, stationId: depot.stationId, password: depot.password, protocols: ['ocpp2.1'], bidirectional: false, maxPowerW: STATION_MAX_W });
  let meterTimer: NodeJS.Timeout | undefined;
  let feedTimer: NodeJS.Timeout | undefined;
  let sequence = 0;
  const feedOutcomes: Record<string, number> = {};
  let feedError: string | undefined;
  try {
    await station.connect();
    await station.boot();
    await station.startTransaction({ transactionId: 'tx-services', arrival: new Date(Date.now() - 60_000), departure: new Date(Date.now() + 8 * 3_600_000), energyNeedWh: 30_000 });
    await station.notifyChargingNeeds(0);
    // The station meters every half second, so the loop knows the session's draw.
    meterTimer = setInterval(() => void station.reportMeterValues(new Date()).catch(() => undefined), 500);
    const sessionId = await eventually(
      async () => {
        const rows: { id: string }[] = await dataSource.query(
          `SELECT s.id FROM sessions s JOIN evses e ON e.id = s.evse_id WHERE e.site_id = $1 AND s.control_channel = 'ocpp' AND s.status = 'charging'`,
          [depot.siteId],
        );
        return rows.length === 1 ? rows[0].id : undefined;
      },
      'the station\'s transaction as a charging OCPP session at the depot',
      WAIT_MS,
      100,
    );
    const sessionAt = Date.now();

    // The TSO's setpoints, over the feed's HTTP transport with the feed key; one request at a time.
    let sending = false;
    const send = async (): Promise<void> => {
      if (sending) return;
      sending = true;
      try {
        sequence += 1;
        const answer = await callApi<{ outcomes: string[] }>(stage.dispatcherUrl, 'POST', '/v1/dispatch/tso-feed/messages', { key: depot.feedKey }, {
          type: 'afrr-setpoint', sequence, issuedAt: new Date().toISOString(), setpointMw: SETPOINT_MW, label: 'services test: ASSUMED constant',
        }, [200]);
        for (const outcome of answer.outcomes) feedOutcomes[outcome] = (feedOutcomes[outcome] ?? 0) + 1;
      } finally {
        sending = false;
      }
    };
    await send();
    feedTimer = setInterval(() => void send().catch((error: unknown) => {
      feedError = error instanceof Error ? error.message : String(error);
    }), 1_000);
    const setpointW = await eventually(
      async () => {
        if (feedError !== undefined) throw new Error(`TSO feed: ${feedError}`);
        const periods = station.receivedProfiles.map((profile) => profile.chargingProfile.chargingSchedule[0]?.chargingSchedulePeriod[0]);
        return periods.find((period) => period?.setpoint !== undefined && period.setpoint < STATION_MAX_W)?.setpoint;
      },
      'a lowered CentralSetpoint at the station, sent by the dispatcher process through the connector process',
      WAIT_MS,
      100,
    );
    const profileAt = Date.now();
    const command = await eventually(
      async () => {
        const rows: { kind: string; power_kw: string; status: string; ocpp_status: string; latency_ms: number | null }[] = await dataSource.query(
          `SELECT d.kind, d.power_kw::text AS power_kw, d.status, o.status AS ocpp_status, d.latency_ms
             FROM dispatch_commands d JOIN dispatch_command_batches b ON b.id = d.batch_id JOIN ocpp_commands o ON o.id::text = d.channel_command_id
            WHERE b.portfolio_id = $1 AND d.session_id = $2 AND d.power_kw * 1000 = $3 AND d.status = 'accepted' ORDER BY d.created_at LIMIT 1`,
          [depot.portfolioId, sessionId, setpointW],
        );
        return rows[0];
      },
      'the dispatch command of that profile, answered by the station through the connector',
      WAIT_MS,
      100,
    );
    return {
      portfolioId: depot.portfolioId,
      stationSetpointW: setpointW,
      feedOutcomes,
      command: { kind: command.kind, powerKw: command.power_kw, status: command.status, ocppStatus: command.ocpp_status, latencyMs: command.latency_ms },
      phasesMs: { session: sessionAt - started, profile: profileAt - sessionAt, command: Date.now() - profileAt },
      derived_inputs: DISPATCH_DERIVED_INPUTS,
    };
  } finally {
    if (feedTimer) clearInterval(feedTimer);
    if (meterTimer) clearInterval(meterTimer);
    await station.close().catch(() => undefined);
  }
}
