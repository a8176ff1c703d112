import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { ControlChannel } from '../../domain/fleet-vocabulary';

/** The running command-to-effect latency estimate per channel and party (domain/latency-estimator.ts). */
@Entity({ name: 'channel_latency' })
@Check('ck_channel_latency_channel', `channel IN ('ocpi', 'ocpp', 'oem')`)
@Check('ck_channel_latency_values', `sample_count > 0 AND mean_ms >= 0 AND p95_ms >= 0 AND last_ms >= 0`)
export class ChannelLatencyEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_channel_latency' })
  channel!: ControlChannel;

  /** `partyKey(...)`, e.g. `NL*ABC`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_channel_latency' })
  party!: string;

  @Column({ type: 'integer' })
  sampleCount!: number;

  @Column({ type: 'double precision' })
  meanMs!: number;

  @Column({ type: 'double precision' })
  p95Ms!: number;

  @Column({ type: 'integer' })
  lastMs!: number;

  @Column({ type: 'timestamptz' })
  lastMeasuredAt!: Date;
}
