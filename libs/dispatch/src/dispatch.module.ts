import { Module } from '@nestjs/common';
import { PLATFORM_CLOCK } from '@vpp/config';
import { FleetModule } from '@vpp/fleet';
import { ActivationIntake } from './application/activation-intake';
import { ActivationState } from './application/activation-state';
import { DISPATCH_CLOCK } from './application/dispatch-clock';
import { DispatchStateMirror } from './application/dispatch-state-mirror';
import { DispatcherLoops } from './application/dispatcher-loops';
import { RecordCommandBatchesUseCase } from './application/record-command-batches';
import { SendDispatchBatchUseCase } from './application/send-dispatch-batch.use-case';
import { TsoFeedCredentials } from './application/tso-feed-credentials';
import { TsoFeedController } from './http/tso-feed.controller';
import { ChannelSendersProvider } from './infrastructure/channels/channel-senders.provider';
import { CongestionOrdersLoader } from './infrastructure/congestion-orders.loader';
import { DispatchCommandsProcessor } from './infrastructure/dispatch-commands.processor';
import { PortfolioSessionsLoader } from './infrastructure/portfolio-sessions.loader';
import { DispatchRedis } from './infrastructure/redis/dispatch-redis';
import { TsoFeedWsServer } from './infrastructure/tso-feed-ws.server';

/**
 * The dispatcher: the TSO feed (HTTP here, WebSocket on its own port),
 * one real-time loop per portfolio under a Redis lease, and the `dispatch-commands` queue's
 * fan-out processor. Needs ConfigModule, TypeORM and QueuesModule in the app; the channels' command
 * paths come from the app: OcpiCommandsModule and OemCommandsModule (the dispatcher app), or the
 * connector's modules in the platform app; OCPP goes to the connector by job without its sockets here.
 */
@Module({
  imports: [FleetModule],
  controllers: [TsoFeedController],
  providers: [
    DispatchRedis,
    ActivationState,
    ActivationIntake,
    { provide: DISPATCH_CLOCK, useExisting: PLATFORM_CLOCK },
    TsoFeedCredentials,
    TsoFeedWsServer,
    PortfolioSessionsLoader,
    CongestionOrdersLoader,
    RecordCommandBatchesUseCase,
    DispatchStateMirror,
    DispatcherLoops,
    ChannelSendersProvider,
    SendDispatchBatchUseCase,
    DispatchCommandsProcessor,
  ],
  exports: [DISPATCH_CLOCK, TsoFeedCredentials, ActivationIntake, ActivationState, DispatcherLoops, DispatchStateMirror, TsoFeedWsServer],
})
export class DispatchModule {}
