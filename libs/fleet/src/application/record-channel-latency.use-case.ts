import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ControlChannel } from '../domain/fleet-vocabulary';
import { LatencyEstimate, updateLatencyEstimate } from '../domain/latency-estimator';
import { ChannelLatencyEntity } from '../infrastructure/persistence/channel-latency.entity';
import { assertInTransaction } from './external-ids';

/**
 * Folds one command-to-effect measurement into the channel's running estimate. The first
 * sample inserts the row; later ones lock it, so concurrent measurements are never lost.
 */
@Injectable()
export class RecordChannelLatencyUseCase {
  async execute(manager: EntityManager, channel: ControlChannel, party: string, measuredMs: number, measuredAt: Date = new Date()): Promise<LatencyEstimate> {
    assertInTransaction(manager, 'recordChannelLatency');
    const first = updateLatencyEstimate(null, measuredMs);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO channel_latency (channel, party, sample_count, mean_ms, p95_ms, last_ms, last_measured_at)
       VALUES ($1, $2, 1, $3, $3, $4, $5) ON CONFLICT ON CONSTRAINT pk_channel_latency DO NOTHING RETURNING 1`,
      [channel, party, first.meanMs, first.lastMs, measuredAt],
    );
    if (inserted.length === 1) return first;
    const row = await manager.findOne(ChannelLatencyEntity, { where: { channel, party }, lock: { mode: 'pessimistic_write' } });
    if (row === null) throw new Error(`channel_latency row ${channel}/${party} vanished`);
    const next = updateLatencyEstimate(row, measuredMs);
    await manager.update(ChannelLatencyEntity, { channel, party }, { ...next, lastMeasuredAt: measuredAt });
    return next;
  }
}

/** The current estimate, or null before the first measurement. */
export async function channelLatencyOf(manager: EntityManager, channel: ControlChannel, party: string): Promise<(LatencyEstimate & { lastMeasuredAt: Date }) | null> {
  const row = await manager.findOne(ChannelLatencyEntity, { where: { channel, party } });
  return row === null ? null : { sampleCount: row.sampleCount, meanMs: row.meanMs, p95Ms: row.p95Ms, lastMs: row.lastMs, lastMeasuredAt: row.lastMeasuredAt };
}
