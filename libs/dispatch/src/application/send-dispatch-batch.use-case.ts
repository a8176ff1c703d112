import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { RecordChannelLatencyUseCase } from '@vpp/fleet';
import { ChannelSendersProvider } from '../infrastructure/channels/channel-senders.provider';
import { DispatchCommandBatchEntity } from '../infrastructure/persistence/dispatch-command-batch.entity';
import { DispatchCommandEntity } from '../infrastructure/persistence/dispatch-command.entity';
import { DispatchRedis } from '../infrastructure/redis/dispatch-redis';
import { PartyTokenBucket } from '../infrastructure/redis/party-token-bucket';
import { currentFence } from './dispatch-fence';

export type BatchOutcome = 'sent' | 'superseded' | 'already-done';

/**
 * Fan-out, send side (the `dispatch-commands` job): a batch whose fencing token is older than the
 * portfolio's newest writer is superseded and nothing goes out (a deposed dispatcher's commands
 * never reach a session); otherwise each still-recorded command goes to its channel, paced by the
 * party's token bucket. Answers come back synchronously (OCPP) or later on our response_url (OCPI,
 * tracked by libs/ocpi under the linked channel command id). Answer latencies feed channel_latency.
 */
@Injectable()
export class SendDispatchBatchUseCase {
  private readonly logger = new Logger(SendDispatchBatchUseCase.name);
  private readonly bucket: PartyTokenBucket;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ChannelSendersProvider,
    private readonly latency: RecordChannelLatencyUseCase,
    redis: DispatchRedis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bucket = new PartyTokenBucket(redis.client, (...parts) => redis.key(...parts), config.dispatch.partyCommandsPerS, config.dispatch.partyBurst);
  }

  async execute(batchId: string): Promise<BatchOutcome> {
    const batch = await this.dataSource.getRepository(DispatchCommandBatchEntity).findOneByOrFail({ id: batchId });
    if (batch.status !== 'recorded') return 'already-done';
    const token = Number.parseInt(batch.fencingToken, 10);
    if ((await currentFence(this.dataSource.manager, batch.portfolioId)) > token) {
      await this.supersede(batchId);
      this.logger.warn({ batchId, portfolioId: batch.portfolioId, fencingToken: token }, 'batch from a deposed lease holder superseded, not sent');
      return 'superseded';
    }
    const commands = await this.dataSource.getRepository(DispatchCommandEntity).find({ where: { batchId, status: 'recorded' }, order: { createdAt: 'ASC' } });
    const sender = this.channels.sender(batch.channel);
    for (const command of commands) {
      await this.bucket.acquire(`${batch.channel}:${batch.party}`, 1);
      const sentAt = new Date();
      const result = await sender.send({ sessionId: command.sessionId, party: batch.party, kind: command.kind, powerKw: command.powerKw, issuedAt: command.createdAt });
      await this.dataSource.getRepository(DispatchCommandEntity).update(
        { id: command.id },
        {
          status: result.status, channelCommandId: result.channelCommandId, latencyMs: result.latencyMs, error: result.error ?? null, sentAt,
          answeredAt: result.status === 'sent' ? null : new Date(),
        },
      );
      // OCPP's own sender already folds its latency into channel_latency; OCPI's result handler does too.
      if (result.latencyMs !== null && batch.channel === 'oem') {
        await this.dataSource.transaction((manager) => this.latency.execute(manager, batch.channel, batch.party, result.latencyMs ?? 0));
      }
    }
    await this.dataSource.getRepository(DispatchCommandBatchEntity).update({ id: batchId, status: 'recorded' }, { status: 'sent', completedAt: new Date() });
    return 'sent';
  }

  private async supersede(batchId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(DispatchCommandEntity, { batchId, status: 'recorded' }, { status: 'superseded' });
      await manager.update(DispatchCommandBatchEntity, { id: batchId, status: 'recorded' }, { status: 'superseded', completedAt: new Date() });
    });
  }
}
