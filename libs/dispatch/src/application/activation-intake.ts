import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { parseDecimal } from '@vpp/units';
import { DispatchRedis } from '../infrastructure/redis/dispatch-redis';
import { ActivationState } from './activation-state';
import { DISPATCH_CLOCK, type DispatchClock } from './dispatch-clock';
import type { AfrrSetpointMessage, FeedTransport, FrequencyMessage, IntakeOutcome, PositionsMessage, TsoFeedMessage } from './tso-feed-messages';

// Compare-and-set on the sequence: any dispatcher instance may receive the TSO's message (the TSO
// does not know which one holds the lease), so the order check happens once, in Redis.
// KEYS[1] setpoint hash; ARGV sequence, setpoint W (integer), issued ms, received ms. 1 = taken, 0 = not newer.
const TAKE_IF_NEWER = `
local last = redis.call('HGET', KEYS[1], 'sequence')
if last and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'sequence', ARGV[1], 'w', ARGV[2], 'issuedAtMs', ARGV[3], 'receivedAtMs', ARGV[4])
return 1`;

const TAKE_FREQUENCY_IF_NEWER = `
local last = redis.call('HGET', KEYS[1], 'measuredAtMs')
if last and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'measuredAtMs', ARGV[1], 'microHz', ARGV[2])
return 1`;

/**
 * Takes the TSO feed's messages for one portfolio: aFRR setpoints (stale or out-of-order ones are
 * ignored and counted), frequency samples for FCR, day-ahead positions per ISP. Every setpoint is
 * stored with its outcome; the loop reads the newest accepted one from Redis each cycle.
 */
@Injectable()
export class ActivationIntake {
  private readonly staleMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: DispatchRedis,
    private readonly state: ActivationState,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DISPATCH_CLOCK) private readonly clock: DispatchClock,
  ) {
    this.staleMs = config.dispatch.staleSetpointS * 1000;
  }

  async take(portfolioId: string, message: TsoFeedMessage, transport: FeedTransport, now: Date = this.clock.now()): Promise<{ outcome: IntakeOutcome; accepted?: number }> {
    switch (message.type) {
      case 'afrr-setpoint':
        return { outcome: await this.takeSetpoint(portfolioId, message, transport, now) };
      case 'frequency':
        return { outcome: await this.takeFrequency(portfolioId, message, now) };
      case 'positions':
        return { outcome: 'accepted', accepted: await this.takePositions(portfolioId, message, now) };
    }
  }

  private async takeSetpoint(portfolioId: string, message: AfrrSetpointMessage, transport: FeedTransport, now: Date): Promise<IntakeOutcome> {
    const issuedAtMs = Date.parse(message.issuedAt);
    let outcome: IntakeOutcome = 'accepted';
    if (now.getTime() - issuedAtMs > this.staleMs) {
      outcome = 'stale';
    } else {
      // Whole watts and micro-hertz in Redis: integers parse back without a float parser.
      const watts = Math.round(message.setpointMw * 1_000_000);
      const taken = (await this.redis.client.eval(TAKE_IF_NEWER, 1, this.state.setpointKey(portfolioId), message.sequence, watts, issuedAtMs, now.getTime())) as number;
      if (taken === 0) outcome = 'out-of-order';
    }
    await this.redis.client.hincrby(this.state.countsKey(portfolioId), outcome, 1);
    await this.dataSource.query(
      `INSERT INTO dispatch_setpoints (portfolio_id, sequence, issued_at, received_at, setpoint_mw, transport, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [portfolioId, message.sequence, new Date(issuedAtMs), now, parseDecimal(message.setpointMw.toFixed(3)).toFixed(), transport, outcome],
    );
    return outcome;
  }

  private async takeFrequency(portfolioId: string, message: FrequencyMessage, now: Date): Promise<IntakeOutcome> {
    const measuredAtMs = Date.parse(message.measuredAt);
    if (now.getTime() - measuredAtMs > this.staleMs) {
      await this.redis.client.hincrby(this.state.countsKey(portfolioId), 'frequency-stale', 1);
      return 'stale';
    }
    const taken = (await this.redis.client.eval(TAKE_FREQUENCY_IF_NEWER, 1, this.state.frequencyKey(portfolioId), measuredAtMs, Math.round(message.frequencyHz * 1_000_000))) as number;
    const outcome: IntakeOutcome = taken === 1 ? 'accepted' : 'out-of-order';
    await this.redis.client.hincrby(this.state.countsKey(portfolioId), `frequency-${outcome}`, 1);
    return outcome;
  }

  private async takePositions(portfolioId: string, message: PositionsMessage, now: Date): Promise<number> {
    const starts = message.positions.map((p) => new Date(p.ispStart));
    const kws = message.positions.map((p) => parseDecimal(p.positionKw.toFixed(3)).toFixed());
    await this.dataSource.query(
      `INSERT INTO dispatch_isp_positions (portfolio_id, isp_start, position_kw, received_at)
       SELECT $1, t.isp_start, t.position_kw, $4 FROM unnest($2::timestamptz[], $3::numeric[]) AS t(isp_start, position_kw)
       ON CONFLICT ON CONSTRAINT pk_dispatch_isp_positions DO UPDATE SET position_kw = EXCLUDED.position_kw, received_at = EXCLUDED.received_at`,
      [portfolioId, starts, kws, now],
    );
    return message.positions.length;
  }
}
