import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LedgerDayQuery, ReservationLedger } from '@vpp/flexibility';
import { DayAheadPriceBook } from '@vpp/flexibility/application/planning/day-ahead-price-book';
import { MarketsModule } from '@vpp/markets';
import { AgrKeyStore } from './application/agr-key-store';
import { CongestionSettings } from './application/congestion-settings';
import { FlexSettlements } from './application/flex-settlements';
import { JsonMessages } from './application/json-messages';
import { OutboundMessages } from './application/outbound-messages';
import { Participants } from './application/participants';
import { ReceiveSignedMessageUseCase } from './application/receive-signed-message.use-case';
import { ReceiveUftpMessageUseCase } from './application/receive-uftp-message.use-case';
import { SendUftpMessageUseCase } from './application/send-uftp-message.use-case';
import { SessionFlexibilityProvider } from './application/session-flexibility.provider';
import { CongestionHeadroomQuery } from './application/congestion-headroom';
import { ConnectionFlexibilityQuery } from './application/connection-flexibility.query';
import { RespondToIdconsEventUseCase } from './application/idcons/respond-to-idcons-event.use-case';
import { OfferReservations } from './application/offer-reservations';
import { PlanLedgerFlexibilityProvider } from './application/plan-ledger-flexibility.provider';
import { CONGESTION_FLEXIBILITY_PROVIDER } from './domain/congestion-flexibility';
import './http/congestion-error-statuses';
import { CongestionPointsController } from './http/congestion-points.controller';
import { FlexController } from './http/flex.controller';
import { IdconsEventsController } from './http/idcons-events.controller';
import { UftpMessageController } from './http/uftp-message.controller';
import { UftpParticipantsController } from './http/uftp-participants.controller';
import { OfferExpiryProcessor } from './infrastructure/jobs/offer-expiry.processor';
import { UftpMessagesProcessor } from './infrastructure/jobs/uftp-messages.processor';

const XML_CONTENT_TYPES = ['text/xml', 'application/xml'];

/**
 * The DSO API with UFTP semantics, in the api app: /v1/congestion (JSON, DSO and operator roles)
 * and the UFTP message endpoint /shapeshifter/api/v3/message (signed XML). Outbound messages are
 * recorded here and sent by `CongestionJobsModule`. IDCONS events go through `MarketsModule`'s
 * gateways. Needs ConfigModule, a DataSource, QueuesModule and AccessModule.
 */
@Module({
  imports: [MarketsModule],
  controllers: [UftpParticipantsController, CongestionPointsController, FlexController, UftpMessageController, IdconsEventsController],
  providers: [
    CongestionSettings,
    AgrKeyStore,
    OutboundMessages,
    Participants,
    JsonMessages,
    FlexSettlements,
    ReceiveUftpMessageUseCase,
    ReceiveSignedMessageUseCase,
    // Offers from the stored plan, capped by the ledger; the simple rule answers where no congestion portfolio is.
    ReservationLedger,
    LedgerDayQuery,
    ConnectionFlexibilityQuery,
    CongestionHeadroomQuery,
    SessionFlexibilityProvider,
    OfferReservations,
    { provide: CONGESTION_FLEXIBILITY_PROVIDER, useClass: PlanLedgerFlexibilityProvider },
    // GOPACS IDCONS events: orders from the same flexibility, through the markets' gateways.
    DayAheadPriceBook,
    RespondToIdconsEventUseCase,
  ],
  exports: [FlexSettlements, AgrKeyStore],
})
export class CongestionApiModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // UFTP bodies are XML text: hand them to the controller as a string (schema-checked there).
    for (const type of XML_CONTENT_TYPES) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
  }
}

/** The `connector` queue's UFTP jobs: signs and delivers outbound messages, with back-off; releases expired offers' kW. */
@Module({
  providers: [CongestionSettings, AgrKeyStore, OutboundMessages, SendUftpMessageUseCase, UftpMessagesProcessor, ReservationLedger, OfferReservations, OfferExpiryProcessor],
})
export class CongestionJobsModule {}
