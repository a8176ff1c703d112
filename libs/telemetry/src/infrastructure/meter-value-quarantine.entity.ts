import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EnergySource, PowerSource, QuarantineReason, TelemetrySource } from '../domain/meter-value-input';

/**
 * A meter value we refused to store, with the raw text as received and the reason. One row per
 * (session, instant, reason), so re-sending a bad batch does not grow the table. Retention
 * deletes rows by `received_at` with the raw partitions (they are raw telemetry too).
 */
@Entity({ name: 'meter_value_quarantine' })
@Unique('uq_meter_value_quarantine_key', ['sessionId', 'measuredAt', 'reason'])
@Index('ix_meter_value_quarantine_received_at', ['receivedAt'])
@Check('ck_meter_value_quarantine_source', `source IN ('ocpi', 'ocpp', 'oem')`)
@Check('ck_meter_value_quarantine_power_source', `power_source IN ('measured', 'derived_from_energy')`)
@Check('ck_meter_value_quarantine_energy_source', `energy_source IN ('measured', 'derived_from_power')`)
export class MeterValueQuarantineEntity {
  // bigint comes back from pg as a string; ids are never used for arithmetic.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_meter_value_quarantine' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'timestamptz' })
  measuredAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  powerKwRaw!: string;

  @Column({ type: 'varchar', length: 64 })
  energyRegisterKwhRaw!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  socPctRaw!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  evseMaxPowerKwRaw!: string | null;

  @Column({ type: 'varchar', length: 8 })
  source!: TelemetrySource;

  @Column({ type: 'varchar', length: 32 })
  reason!: QuarantineReason;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 24, default: 'measured' })
  powerSource!: PowerSource;

  @Column({ type: 'varchar', length: 24, default: 'measured' })
  energySource!: EnergySource;
}
