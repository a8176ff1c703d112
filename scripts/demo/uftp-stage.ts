import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@vpp/config';
import { UFTP_ISP_DURATION, UFTP_MESSAGE_PATH, UFTP_TIME_ZONE, type FlexOfferMessage, type FlexOrderMessage, type FlexRequestMessage, type UftpMessage, type UftpResponseMessage } from '@vpp/congestion';
import { DateTime } from 'luxon';
import { Decimal, MARKET_TIME_ZONE, RoundingMode, type DeliveryDay } from '@vpp/units';
import { SimulatedDso } from '../../apps/simulator/src/dso/simulated-dso';
import { callApi } from './http-client';
import type { Party } from './seed-parties';
import type { SimulatedClock } from './sim-clock';

// ASSUMED (no public DSO request data): the DSO asks the connection to consume 10..100 kW less in its
// congestion window (at most 4 hours, from an hour after the request on; see grid-events-stage.ts).
export const UFTP_BAND_W = { minPower: -100_000, maxPower: -10_000 } as const;
// ASSUMED: the DSO sends an intraday request at 15:00 local, valid for 30 minutes, and orders 15 minutes after it.
export const UFTP_REQUEST_AT_LOCAL = '15:00';
const REQUEST_VALID_MS = 30 * 60_000;
const ORDER_AFTER_MS = 15 * 60_000;
const DSO_DOMAIN = 'dso.demo-grid.example';
// Wall-clock patience for the platform's asynchronous answers over loopback (outbox relay + BullMQ sender).
const ANSWER_WAIT_MS = 60_000;

export interface UftpOutcome {
  readonly congestionPoint: string;
  readonly transport: 'signed XML (UFTP 3.0 SignedMessage, Ed25519)';
  readonly requestedIsps: string;
  readonly requestedBandKw: string;
  readonly offerOptions: { optionReference: string; price: string; isps: number; maxKw: string }[];
  readonly orderedOption: string | null;
  readonly orderResponse: string | null;
  readonly orderedMwh: string;
  readonly orderPriceEur: string | null;
  readonly refusedBySignature: number;
  readonly note: string;
}

function localInstant(day: DeliveryDay, hhmm: string): Date {
  const [hour, minute] = hhmm.split(':').map((part) => Number.parseInt(part, 10));
  return DateTime.fromISO(day.isoDate, { zone: MARKET_TIME_ZONE }).set({ hour, minute }).toJSDate();
}

async function waitFor<T extends UftpMessage>(dso: SimulatedDso, find: (message: UftpMessage) => message is T, what: string): Promise<T> {
  const deadline = Date.now() + ANSWER_WAIT_MS;
  for (;;) {
    const found = dso.received.map((r) => r.message).find(find);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`the simulated DSO received no ${what} within ${ANSWER_WAIT_MS / 1000} s (received: ${dso.received.map((r) => r.message.type).join(', ') || 'nothing'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The DSO's intraday UFTP flow with the platform over signed XML on loopback (apps/simulator
 * SimulatedDso, its own Ed25519 key): the operator registers the DSO as a UFTP participant, the
 * DSO registers a connection as congestion point and sends a FlexRequest for its congestion
 * window (grid-events-stage.ts); the platform answers with a FlexRequestResponse and, where it has
 * flexibility there, a FlexOffer from the stored plan within the ledger (ReceiveUftpMessageUseCase), and the DSO orders the offer's largest
 * option (FlexOrder -> FlexOrderResponse). The platform's "now" is the simulated clock.
 */
export async function runDsoFlexRequest(
  baseUrl: string,
  dataSource: DataSource,
  config: AppConfig,
  day: DeliveryDay,
  clock: SimulatedClock,
  parties: { operator: Party; dso: Party },
  pointEan: string,
  window: { readonly firstIsp: number; readonly ispCount: number; readonly why: string },
): Promise<UftpOutcome> {
  const dso = new SimulatedDso({ domain: DSO_DOMAIN, agrMessageUrl: `${baseUrl}${UFTP_MESSAGE_PATH}` });
  await dso.start();
  try {
    const requestAt = localInstant(day, UFTP_REQUEST_AT_LOCAL);
    clock.set(requestAt);
    await callApi(baseUrl, 'POST', '/v1/congestion/participants', { key: parties.operator.key }, { organisationId: parties.dso.organisationId, domain: dso.domain, publicKey: dso.publicKey, endpointUrl: dso.endpointUrl }, [201]);
    const agrKey = await callApi<{ publicKey: string }>(baseUrl, 'GET', '/v1/congestion/agr-key', { key: parties.dso.key });
    dso.trustAggregator(agrKey.publicKey);
    const congestionPoint = `ean.${pointEan}`;
    await callApi(baseUrl, 'POST', '/v1/congestion/congestion-points', { key: parties.dso.key }, { entityAddress: congestionPoint }, [201]);

    const { firstIsp: first, ispCount: count } = window;
    const local = (isp: number): string => DateTime.fromJSDate(day.ispAt(isp).start, { zone: MARKET_TIME_ZONE }).toFormat('HH:mm');
    const agrDomain = config.uftp.agrDomain;
    const market = { ispDuration: UFTP_ISP_DURATION, timeZone: UFTP_TIME_ZONE, period: day.isoDate, congestionPoint };
    const request: FlexRequestMessage = {
      type: 'FlexRequest',
      ...dso.metadata(agrDomain),
      ...market,
      revision: 1,
      expirationDateTime: new Date(requestAt.getTime() + REQUEST_VALID_MS).toISOString(),
      isps: [{ start: first, duration: count, disposition: 'Requested', ...UFTP_BAND_W }],
    };
    const sent = await dso.send(request);
    if (sent.status !== 200) throw new Error(`FlexRequest: HTTP ${sent.status} ${sent.text}`);
    const requestResponse = await waitFor(dso, (m): m is UftpResponseMessage => m.type === 'FlexRequestResponse' && m.referenceMessageId === request.messageId, 'FlexRequestResponse');
    if (requestResponse.result !== 'Accepted') throw new Error(`FlexRequest rejected: ${requestResponse.rejectionReason ?? ''}`);
    const base = {
      congestionPoint,
      transport: 'signed XML (UFTP 3.0 SignedMessage, Ed25519)' as const,
      requestedIsps: `${first}..${first + count - 1} (${local(first)}-${DateTime.fromJSDate(day.ispAt(first + count - 1).end, { zone: MARKET_TIME_ZONE }).toFormat('HH:mm')} local; ${window.why})`,
      requestedBandKw: `${-UFTP_BAND_W.minPower / 1000}..${-UFTP_BAND_W.maxPower / 1000} kW less (ASSUMED)`,
      refusedBySignature: dso.refused.length,
    };
    const offered: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM uftp_flex_offers o JOIN uftp_flex_requests r ON r.id = o.flex_request_id WHERE r.message_id = $1`, [request.messageId]);
    if ((offered[0]?.n ?? 0) === 0) {
      const skipped: { reason: string; n: number }[] = await dataSource.query(
        `SELECT s->>'reason' AS reason, count(*)::int AS n FROM plan_runs r, jsonb_array_elements(coalesce(r.inputs_summary->'skippedSessions', '[]'::jsonb)) s
          WHERE r.id = (SELECT id FROM plan_runs WHERE delivery_day = $1 AND known_at <= $2 AND status IN ('planned', 'completed') ORDER BY known_at DESC LIMIT 1)
          GROUP BY 1 ORDER BY 2 DESC`,
        [day.isoDate, requestAt],
      );
      const why = skipped.length === 0 ? '' : `; the stored plan skipped live sessions: ${skipped.map((r) => `${r.n} ${r.reason}`).join(', ')}`;
      return {
        ...base,
        offerOptions: [],
        orderedOption: null,
        orderResponse: null,
        orderedMwh: '0',
        orderPriceEur: null,
        note: `the request was accepted; no FlexOffer: offers come from the steerable live sessions the stored plan schedules at the point (forecast cohorts offer nothing), capped by the ledger, and there were none in the window${why}`,
      };
    }
    const offer = await waitFor(dso, (m): m is FlexOfferMessage => m.type === 'FlexOffer' && m.flexRequestMessageId === request.messageId, 'FlexOffer');
    const option = offer.options[0];
    // The DSO orders the largest option at the offered price, before the offer expires.
    clock.set(new Date(Math.min(requestAt.getTime() + ORDER_AFTER_MS, Date.parse(offer.expirationDateTime) - 60_000)));
    const order: FlexOrderMessage = {
      type: 'FlexOrder',
      ...dso.metadata(agrDomain, offer.conversationId),
      ...market,
      flexOfferMessageId: offer.messageId,
      price: option.price,
      currency: offer.currency,
      orderReference: `DEMO-${randomUUID().slice(0, 8)}`,
      optionReference: option.optionReference,
      activationFactor: '1.00',
      isps: option.isps,
    };
    const ordered = await dso.send(order);
    if (ordered.status !== 200) throw new Error(`FlexOrder: HTTP ${ordered.status} ${ordered.text}`);
    const orderResponse = await waitFor(dso, (m): m is UftpResponseMessage => m.type === 'FlexOrderResponse' && m.referenceMessageId === order.messageId, 'FlexOrderResponse');
    const wattQuarters = option.isps.reduce((sum, isp) => sum + Math.abs(isp.power) * isp.duration, 0);
    return {
      ...base,
      offerOptions: offer.options.map((o) => ({ optionReference: o.optionReference, price: o.price, isps: o.isps.reduce((n, isp) => n + isp.duration, 0), maxKw: new Decimal(Math.max(...o.isps.map((isp) => Math.abs(isp.power)))).dividedBy(1000).toFixed() })),
      orderedOption: option.optionReference,
      orderResponse: orderResponse.result === 'Accepted' ? 'Accepted' : `Rejected: ${orderResponse.rejectionReason ?? ''}`,
      // W x quarter-hours / 4 / 1e6 = MWh (whole watts: the sum is an exact integer).
      orderedMwh: new Decimal(wattQuarters).dividedBy(4_000_000).toFixed(3, RoundingMode.HALF_EVEN),
      orderPriceEur: option.price,
      note: `offer price ASSUMED (UFTP_OFFER_PRICE_EUR_PER_MWH ${config.uftp.offerPriceEurPerMwh} EUR/MWh, no public DSO flex price)`,
    };
  } finally {
    await dso.stop();
  }
}
