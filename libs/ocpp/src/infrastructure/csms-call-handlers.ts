import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRPCError } from 'ocpp-rpc';
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { ApplyTransactionEventUseCase } from '../application/apply-transaction-event.use-case';
import { RecordBootNotificationUseCase } from '../application/record-boot-notification.use-case';
import { RecordChargingNeedsUseCase } from '../application/record-charging-needs.use-case';
import { RecordMeterValuesUseCase } from '../application/record-meter-values.use-case';
import { RecordStationSeenUseCase } from '../application/record-station-seen.use-case';
import type { ConnectedStation } from '../application/station-principal';
import type {
  BootNotificationRequest,
  MeterValuesRequest,
  NotifyEVChargingNeedsRequest,
  TransactionEventRequest,
} from '../protocol/ocpp-messages';
import { ocppInboundCallsTotal } from './ocpp-metrics';

type Handler = (params: object) => Promise<object>;

/**
 * The CSMS side of each station connection. Payloads reach these handlers only after ocpp-rpc's
 * strict mode validated them against the negotiated version's schema; an invalid CALL is answered
 * with the matching CALLERROR (FormatViolation, TypeConstraintViolation...) and never gets here,
 * so nothing of it is stored (2.0.1 Part 4, 4.2.3 CALLERROR codes).
 */
@Injectable()
export class CsmsCallHandlers {
  private readonly logger = new Logger(CsmsCallHandlers.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly boot: RecordBootNotificationUseCase,
    private readonly seen: RecordStationSeenUseCase,
    private readonly transactionEvent: ApplyTransactionEventUseCase,
    private readonly meterValues: RecordMeterValuesUseCase,
    private readonly chargingNeeds: RecordChargingNeedsUseCase,
  ) {}

  register(client: RpcServerClient, station: ConnectedStation): void {
    const handlers: Record<string, Handler> = {
      BootNotification: (p) => this.boot.execute(station, p as BootNotificationRequest, this.config.ocpp.heartbeatIntervalS, new Date()),
      Heartbeat: async () => {
        const now = new Date();
        await this.seen.execute(station.id, now);
        return { currentTime: now.toISOString() };
      },
      StatusNotification: async () => {
        await this.seen.execute(station.id, new Date());
        return {};
      },
      TransactionEvent: async (p) => {
        await this.transactionEvent.execute(station, p as TransactionEventRequest, new Date());
        // No idToken handling: depots authorise locally; an empty response is valid (E01).
        return {};
      },
      MeterValues: async (p) => {
        await this.meterValues.execute(station, p as MeterValuesRequest, new Date());
        return {};
      },
      NotifyEVChargingNeeds: async (p) => ({ status: await this.chargingNeeds.execute(station, p as NotifyEVChargingNeedsRequest, new Date()) }),
    };
    for (const [action, handler] of Object.entries(handlers)) {
      client.handle(action, ({ params }) => this.run(station, action, handler, params ?? {}));
    }
    client.handle(({ method }) => {
      ocppInboundCallsTotal.inc({ action: String(method), outcome: 'not_implemented' });
      return Promise.reject(createRPCError('NotImplemented', `${String(method)} is not handled by this CSMS`));
    });
    client.on('strictValidationFailure', (event: { method: string; outbound: boolean; error: Error }) => {
      if (event.outbound) return;
      ocppInboundCallsTotal.inc({ action: event.method, outcome: 'rejected_schema' });
      this.logger.warn({ stationId: station.stationId, action: event.method, reason: event.error.message }, 'OCPP call failed schema validation');
    });
  }

  private async run(station: ConnectedStation, action: string, handler: Handler, params: object): Promise<Record<string, unknown>> {
    try {
      const result = await handler(params);
      ocppInboundCallsTotal.inc({ action, outcome: 'ok' });
      return result as Record<string, unknown>;
    } catch (error) {
      ocppInboundCallsTotal.inc({ action, outcome: 'error' });
      this.logger.error({ err: error, stationId: station.stationId, action }, 'OCPP call failed');
      // The station retries a failed TransactionEvent (E.FR: retry with backoff), so nothing is lost.
      throw createRPCError('InternalError', 'the CSMS could not process this message');
    }
  }
}
