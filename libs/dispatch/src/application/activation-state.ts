import { Injectable } from '@nestjs/common';
import { DispatchRedis } from '../infrastructure/redis/dispatch-redis';

/** The newest accepted aFRR setpoint of a portfolio, in kW (positive = up = less consumption). */
export interface LatestSetpoint {
  readonly sequence: number;
  readonly kw: number;
  readonly issuedAtMs: number;
  readonly receivedAtMs: number;
}

export interface LatestFrequency {
  readonly hz: number;
  readonly measuredAtMs: number;
}

/** Intake counters per portfolio (accepted, stale, out-of-order, frequency-*). */
export type IntakeCounts = Readonly<Record<string, number>>;

// Redis holds whole watts, micro-hertz and epoch milliseconds, so integers are all there is to parse.
function num(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number.parseInt(text, 10);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * The activation signals as Redis holds them, shared by every dispatcher instance: the intake
 * writes them wherever the TSO's message lands, the lease holder's loop reads them each cycle.
 */
@Injectable()
export class ActivationState {
  constructor(private readonly redis: DispatchRedis) {}

  setpointKey(portfolioId: string): string {
    return this.redis.key('afrr', portfolioId);
  }

  frequencyKey(portfolioId: string): string {
    return this.redis.key('frequency', portfolioId);
  }

  countsKey(portfolioId: string): string {
    return this.redis.key('intake-counts', portfolioId);
  }

  async latestSetpoint(portfolioId: string): Promise<LatestSetpoint | null> {
    const h = await this.redis.client.hgetall(this.setpointKey(portfolioId));
    const sequence = num(h.sequence);
    const watts = num(h.w);
    const issuedAtMs = num(h.issuedAtMs);
    const receivedAtMs = num(h.receivedAtMs);
    if (sequence === null || watts === null || issuedAtMs === null || receivedAtMs === null) return null;
    return { sequence, kw: watts / 1000, issuedAtMs, receivedAtMs };
  }

  async latestFrequency(portfolioId: string): Promise<LatestFrequency | null> {
    const h = await this.redis.client.hgetall(this.frequencyKey(portfolioId));
    const microHz = num(h.microHz);
    const measuredAtMs = num(h.measuredAtMs);
    return microHz === null || measuredAtMs === null ? null : { hz: microHz / 1_000_000, measuredAtMs };
  }

  async counts(portfolioId: string): Promise<IntakeCounts> {
    const h = await this.redis.client.hgetall(this.countsKey(portfolioId));
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Number.parseInt(v, 10)]));
  }
}
