import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
// Deep import: the persistence index loads the entity registry, which loads this file.
import { decimalColumn, decimalTransformer } from '../../../persistence/src/decimal.transformer';
import type { EnergySource, PowerSource, TelemetrySource } from '../domain/meter-value-input';

/**
 * One stored meter value. The table is RANGE-partitioned by UTC day on `measured_at` (see the
 * migration); the primary key includes the partition key, which is also the idempotency key.
 * Written only by the COPY path in `MeterValueIngestService`, never through the ORM; the entity
 * exists for reads and for the schema drift check.
 */
@Entity({ name: 'meter_values' })
@Check('ck_meter_values_source', `source IN ('ocpi', 'ocpp', 'oem')`)
@Check('ck_meter_values_power_source', `power_source IN ('measured', 'derived_from_energy')`)
@Check('ck_meter_values_energy_source', `energy_source IN ('measured', 'derived_from_power')`)
export class MeterValueEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_meter_values' })
  sessionId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_meter_values' })
  measuredAt!: Date;

  @Column(decimalColumn('powerKw'))
  powerKw!: Decimal;

  @Column(decimalColumn('energyKwh'))
  energyRegisterKwh!: Decimal;

  // Percent with two decimals: no shared preset fits, so the shared transformer at (5,2).
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: decimalTransformer(2, 5) })
  socPct!: Decimal | null;

  @Column({ type: 'varchar', length: 8 })
  source!: TelemetrySource;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  /** `derived_from_energy`: the energy step over the time step (OCPI Sessions report only energy). */
  @Column({ type: 'varchar', length: 24, default: 'measured' })
  powerSource!: PowerSource;

  /** `derived_from_power`: integrated from the power readings (an OEM cloud without the car's energy counter). */
  @Column({ type: 'varchar', length: 24, default: 'measured' })
  energySource!: EnergySource;
}
