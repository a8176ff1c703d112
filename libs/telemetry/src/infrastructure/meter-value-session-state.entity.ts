import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
// Deep import: the persistence index loads the entity registry, which loads this file.
import { decimalColumn } from '../../../persistence/src/decimal.transformer';

/**
 * Per session with stored meter values: the span of its stored instants and its latest register.
 * Written only by the ingest statement (in the same transaction as the rows it describes) and
 * trimmed by retention; lets new sessions and in-order values skip the probe of stored
 * neighbours. The entity exists for reads and for the schema drift check.
 */
@Entity({ name: 'meter_value_session_state' })
export class MeterValueSessionStateEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_meter_value_session_state' })
  sessionId!: string;

  @Column({ type: 'timestamptz' })
  firstMeasuredAt!: Date;

  @Column({ type: 'timestamptz' })
  lastMeasuredAt!: Date;

  @Column(decimalColumn('energyKwh'))
  lastEnergyRegisterKwh!: Decimal;
}
