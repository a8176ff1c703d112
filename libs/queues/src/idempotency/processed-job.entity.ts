import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per job whose effect has committed, written in the same transaction as the effect.
 * BullMQ's jobId dedupes only while the job still exists; this row dedupes forever.
 */
@Entity({ name: 'processed_jobs' })
export class ProcessedJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_processed_jobs' })
  queue!: string;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_processed_jobs' })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 128 })
  jobName!: string;

  /** The BullMQ job that produced the effect, for tracing a duplicate back to its first run. */
  @Column({ type: 'varchar', length: 255 })
  jobId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
