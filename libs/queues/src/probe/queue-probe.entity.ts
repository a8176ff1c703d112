import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A request to prove that the job pipeline works end to end. `processedCount` counts effects
 * rather than setting a flag, so a job that ran twice shows up as 2 instead of hiding.
 */
@Entity({ name: 'queue_probes' })
export class QueueProbeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_queue_probes' })
  id!: string;

  /** The app or tool that asked for the probe. */
  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ type: 'integer', default: 0 })
  processedCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
