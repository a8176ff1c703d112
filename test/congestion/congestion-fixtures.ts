import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { FlexOfferMessage, FlexOrderMessage, FlexRequestIsp, FlexRequestMessage, UftpResponseMessage } from '@vpp/congestion';
import { EnsureFleetUseCase, UpsertExternalEvseUseCase, UpsertExternalLocationUseCase, withEanCheckDigit } from '@vpp/fleet';
import { eventually } from '@vpp/testing';
import { DeliveryDay, PowerKw } from '@vpp/units';
import type { SimulatedDso } from '../../apps/simulator/src/dso/simulated-dso';

type Market = 'fcr' | 'afrr' | 'day_ahead' | 'congestion';
type Product = 'fcr' | 'afrr_up' | 'afrr_down' | 'day_ahead' | 'congestion';

/** A portfolio of `organisationId` in `markets`, with prequalified kW per product. */
export async function aPortfolio(dataSource: DataSource, organisationId: string, markets: readonly Market[], prequalifiedKw: Partial<Record<Product, string>>): Promise<string> {
  const portfolioId = randomUUID();
  await dataSource.transaction(async (manager) => {
    await manager.query(`INSERT INTO portfolios (id, organisation_id, name, bidding_zone, created_at, updated_at) VALUES ($1, $2, $3, 'NL', now(), now())`, [
      portfolioId,
      organisationId,
      `congestion pool ${portfolioId.slice(0, 8)}`,
    ]);
    await manager.query(`INSERT INTO portfolio_markets (portfolio_id, market) SELECT $1, unnest($2::text[])`, [portfolioId, markets]);
    for (const [product, kw] of Object.entries(prequalifiedKw)) {
      await manager.query(`INSERT INTO portfolio_prequalifications (portfolio_id, product, capacity_kw, updated_at) VALUES ($1, $2, $3, now())`, [portfolioId, product, kw]);
    }
  });
  return portfolioId;
}

export interface PooledSite {
  readonly siteId: string;
  readonly ean: string;
  readonly sessionIds: readonly string[];
}

/**
 * A site behind its own grid connection, pooled in every market of the portfolio, with `count`
 * EVSEs of `evseKw` and one expected session each, plugged in from ISP `fromIsp` to the end of
 * ISP `toIsp` of `day` (test data: hand-made sessions so every figure can be checked by hand).
 */
export async function aPooledSite(
  dataSource: DataSource,
  organisationId: string,
  portfolioId: string,
  day: DeliveryDay,
  options: { count: number; evseKw: string; fromIsp: number; toIsp: number; needKwh: string },
): Promise<PooledSite> {
  const ean = withEanCheckDigit(`871${Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('')}`);
  const party = { countryCode: 'NL', partyId: `C${randomUUID().replace(/-/g, '').slice(0, 12)}` };
  const sessionIds: string[] = [];
  let siteId = '';
  await dataSource.transaction(async (manager) => {
    const fleetId = await new EnsureFleetUseCase().execute(manager, { organisationId, name: 'congestion fleet' });
    ({ siteId } = await new UpsertExternalLocationUseCase().execute(manager, {
      party,
      externalLocationId: 'SITE',
      organisationId,
      fleetId,
      name: `Site ${ean.slice(-4)}`,
      country: 'NL',
      innovationCluster: 'depot',
      timezone: 'Europe/Amsterdam',
      gridConnection: { ean, importLimitKw: PowerKw.fromString('5000'), exportLimitKw: PowerKw.fromString('0'), fuseLimitKw: null, dso: 'Stedin', congestionArea: null },
    }));
    for (let i = 0; i < options.count; i += 1) {
      const { evseId } = await new UpsertExternalEvseUseCase().execute(manager, {
        party,
        siteId,
        externalChargePointId: `CP-${i}`,
        chargePoint: { protocol: 'ocpp', ocppVersion: '2.1', vendor: null, model: null },
        externalEvseId: `EVSE-${i}`,
        currentType: 'DC',
        phases: 3,
        maxPowerKw: PowerKw.fromString(options.evseKw),
        bidirectional: false,
        iso15118_20: false,
      });
      const sessionId = randomUUID();
      sessionIds.push(sessionId);
      await manager.query(
        `INSERT INTO sessions (id, fleet_id, evse_id, arrival_at, expected_departure_at, energy_need_kwh, energy_delivered_kwh, max_power_kw,
                               status, control_channel, can_discharge, source, historical, last_seen_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, 'planned', 'ocpp', false, 'ocpp', false, now(), now(), now())`,
        [sessionId, fleetId, evseId, day.ispAt(options.fromIsp).start, day.ispAt(options.toIsp).end, options.needKwh, options.evseKw],
      );
    }
    const markets: { market: Market }[] = await manager.query(`SELECT market FROM portfolio_markets WHERE portfolio_id = $1`, [portfolioId]);
    for (const { market } of markets) {
      await manager.query(`INSERT INTO portfolio_sites (portfolio_id, market, site_id, assigned_at) VALUES ($1, $2, $3, now())`, [portfolioId, market, siteId]);
    }
  });
  return { siteId, ean, sessionIds };
}

/**
 * A completed plan run as the plan job stores it (plan_runs + plan_session_isps): each session of
 * `site` planned at `kw` in `isps`. Hand-made so the offer's figures can be checked by hand.
 */
export async function aStoredPlan(
  dataSource: DataSource,
  portfolioId: string,
  day: DeliveryDay,
  knownAt: Date,
  schedules: readonly { site: PooledSite; kw: string; isps: readonly number[] }[],
): Promise<string> {
  const runId = randomUUID();
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO plan_runs (id, portfolio_id, delivery_day, known_at, status, method, inputs_summary, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'completed', 'test-fixture', '{"note":"hand-made plan (test data)"}', now(), now())`,
      [runId, portfolioId, day.isoDate, knownAt],
    );
    for (const { site, kw, isps } of schedules) {
      for (const sessionId of site.sessionIds) {
        for (const isp of isps) {
          await manager.query(
            `INSERT INTO plan_session_isps (plan_run_id, subject_ref, site_id, kind, isp_start, power_kw) VALUES ($1, $2, $3, 'session', $4, $5)`,
            [runId, sessionId, site.siteId, day.ispAt(isp).start, kw],
          );
        }
      }
    }
  });
  return runId;
}

/** A FlexRequest of `dso` to `recipient` for `point` on `day` (NL 15-minute ISPs), expiring at the start of ISP 40. */
export function aFlexRequest(dso: SimulatedDso, recipient: string, day: DeliveryDay, point: string, revision: number, isps: FlexRequestIsp[]): FlexRequestMessage {
  return {
    type: 'FlexRequest',
    ...dso.metadata(recipient),
    ispDuration: 'PT15M',
    timeZone: 'Europe/Amsterdam',
    period: day.isoDate,
    congestionPoint: point,
    revision,
    expirationDateTime: day.ispAt(40).start.toISOString(),
    isps,
  };
}

/** The FlexOrder `dso` places on one option of `offer`, in full (activation factor 1), in the offer's conversation. */
export function aFlexOrder(dso: SimulatedDso, recipient: string, offer: FlexOfferMessage, option: FlexOfferMessage['options'][number], orderReference: string): FlexOrderMessage {
  return {
    type: 'FlexOrder',
    ...dso.metadata(recipient, offer.conversationId),
    ispDuration: offer.ispDuration,
    timeZone: offer.timeZone,
    period: offer.period,
    congestionPoint: offer.congestionPoint,
    flexOfferMessageId: offer.messageId,
    price: option.price,
    currency: offer.currency,
    orderReference,
    optionReference: option.optionReference,
    activationFactor: '1.00',
    isps: option.isps,
  };
}

/** The FlexOffer `dso` received in answer to `request`, once it arrived. */
export function offerFor(dso: SimulatedDso, request: FlexRequestMessage): Promise<FlexOfferMessage> {
  return eventually(() => dso.received.map((r) => r.message).find((m): m is FlexOfferMessage => m.type === 'FlexOffer' && m.flexRequestMessageId === request.messageId), 'FlexOffer');
}

/** The UFTP response `dso` received to its message `messageId`, once it arrived. */
export function responseTo(dso: SimulatedDso, messageId: string): Promise<UftpResponseMessage> {
  return eventually(() => dso.received.map((r) => r.message).find((m): m is UftpResponseMessage => 'referenceMessageId' in m && m.referenceMessageId === messageId), `response to ${messageId}`);
}
