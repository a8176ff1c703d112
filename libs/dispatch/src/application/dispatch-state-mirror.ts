import { Injectable } from '@nestjs/common';
import { DispatchRedis } from '../infrastructure/redis/dispatch-redis';
import type { SessionCommand } from './record-command-batches';

export interface CycleSnapshot {
  readonly holder: string;
  readonly fencingToken: number;
  readonly atMs: number;
  readonly targetKw: number;
  readonly plannedKw: number;
  readonly measuredKw: number;
  readonly shortfallKw: number;
  readonly setpointSequence: number | null;
  readonly sessions: number;
  /** Sessions steered on an ASSUMED departure (8 h dwell; the data had none). */
  readonly assumedDepartureSessions: number;
  /** Sessions without any meter value, counted in measuredKw at an ESTIMATED draw; the basis (UNMEASURED_DRAW_ASSUMPTION) when any. */
  readonly estimatedDrawSessions: number;
  readonly estimatedDrawBasis: string;
  /** The running activation ('afrr', 'fcr'; '' for none), what this cycle asked (deviation from baseline) and the integral correction added to the target. */
  readonly activation: string;
  readonly obligationKw: number;
  readonly correctionKw: number;
}

// Whole watts in Redis so reading back needs no float parser; a day without cycles lets the keys expire.
const STATE_TTL_S = 24 * 3600;

/**
 * The loop's in-memory state mirrored to Redis: the last cycle (who, target, tracking) and the
 * command handed out per session, which a standby loads when it takes over.
 */
@Injectable()
export class DispatchStateMirror {
  constructor(private readonly redis: DispatchRedis) {}

  async cycle(portfolioId: string, snapshot: CycleSnapshot): Promise<void> {
    const key = this.redis.key('state', portfolioId);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(snapshot)) fields[name] = typeof value === 'number' ? Math.round(name.endsWith('Kw') ? value * 1000 : value).toString() : String(value);
    await this.redis.client.multi().hset(key, fields).expire(key, STATE_TTL_S).exec();
  }

  async commands(portfolioId: string, commands: readonly SessionCommand[]): Promise<void> {
    const key = this.redis.key('commands', portfolioId);
    const fields: Record<string, string> = {};
    for (const c of commands) fields[c.sessionId] = Math.round(c.kw * 1000).toString();
    await this.redis.client.multi().hset(key, fields).expire(key, STATE_TTL_S).exec();
  }

  /** Per session, the last command handed out (kW). */
  async handedOut(portfolioId: string): Promise<Map<string, number>> {
    const h = await this.redis.client.hgetall(this.redis.key('commands', portfolioId));
    return new Map(Object.entries(h).map(([id, watts]) => [id, Number.parseInt(watts, 10) / 1000]));
  }

  /** The last cycle as mirrored (W for *Kw fields), for status and tests. */
  async lastCycle(portfolioId: string): Promise<Record<string, string>> {
    return this.redis.client.hgetall(this.redis.key('state', portfolioId));
  }
}
