import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CorrelationContext } from '@vpp/observability';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import type { DispatchChannelName } from '../domain/dispatch-channel';
import type { DispatchCommandKind } from '../infrastructure/persistence/dispatch-command.entity';
import { claimFence } from './dispatch-fence';

/** One changed per-session command out of the core, addressed for fan-out. */
export interface SessionCommand {
  readonly sessionId: string;
  readonly channel: DispatchChannelName;
  readonly party: string;
  /** kW, positive = charging; for OCPI a cap. */
  readonly kw: number;
}

export interface RecordedBatches {
  readonly batchIds: string[];
  readonly commands: number;
}

/**
 * What each channel can be told (MARKETS.md section 8): OCPI only ever gets a max-limit profile
 * (never negative), OCPP a signed setpoint (the sender falls back to a limit on 2.0.1 stations),
 * OEM a stop at 0 or a charge limit.
 */
export function commandFor(channel: DispatchChannelName, kw: number): { kind: DispatchCommandKind; kw: number } {
  if (channel === 'ocpi') return { kind: 'limit', kw: Math.max(0, kw) };
  if (channel === 'oem') return kw <= 0 ? { kind: 'stop', kw: 0 } : { kind: 'limit', kw };
  return { kind: 'setpoint', kw };
}

/**
 * Fan-out, write side: in ONE transaction, checks the fencing token (a stale lease holder is
 * refused and nothing is written), records the commands grouped per channel and party as batches
 * and puts one `dispatch-commands.send-batch` job per batch in the outbox (ids only).
 */
@Injectable()
export class RecordCommandBatchesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { portfolioId: string; fencingToken: number; holder: string; commands: readonly SessionCommand[]; now: Date }): Promise<RecordedBatches> {
    const groups = new Map<string, SessionCommand[]>();
    for (const command of input.commands) {
      const key = `${command.channel}\u0000${command.party}`;
      const group = groups.get(key);
      if (group) group.push(command);
      else groups.set(key, [command]);
    }
    return this.dataSource.transaction(async (manager) => {
      await claimFence(manager, input.portfolioId, input.fencingToken, input.holder, input.now);
      const batchIds: string[] = [];
      const correlationId = CorrelationContext.currentId() ?? CorrelationContext.newCorrelationId();
      for (const group of groups.values()) {
        const batchId = randomUUID();
        const { channel, party } = group[0];
        await manager.query(
          `INSERT INTO dispatch_command_batches (id, portfolio_id, fencing_token, channel, party, status, created_at) VALUES ($1, $2, $3, $4, $5, 'recorded', $6)`,
          [batchId, input.portfolioId, input.fencingToken, channel, party, input.now],
        );
        const shaped = group.map((c) => commandFor(c.channel, c.kw));
        await manager.query(
          `INSERT INTO dispatch_commands (id, batch_id, session_id, kind, power_kw, status, created_at)
           SELECT t.id, $1, t.session_id, t.kind, t.power_kw, 'recorded', $2
             FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::numeric[]) AS t(id, session_id, kind, power_kw)`,
          [batchId, input.now, group.map(() => randomUUID()), group.map((c) => c.sessionId), shaped.map((s) => s.kind), shaped.map((s) => s.kw.toFixed(3))],
        );
        await enqueueInTransaction(manager, {
          name: JobName.SendDispatchBatch,
          payload: { schemaVersion: 1, correlationId, idempotencyKey: buildIdempotencyKey('dispatch-batch', batchId, 'send'), batchId },
        });
        batchIds.push(batchId);
      }
      return { batchIds, commands: input.commands.length };
    });
  }
}
