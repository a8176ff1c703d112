import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A job waiting to be handed to BullMQ. Written in the transaction that causes the job, so the
 * job exists exactly when that transaction commits; the relay publishes it afterwards.
 */
@Entity({ name: 'outbox' })
@Unique('uq_outbox_idempotency_key', ['idempotencyKey'])
@Index('ix_outbox_unpublished', ['availableAt', 'id'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  // bigint comes back from pg as a string; ids are never used for arithmetic.
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  queue!: string;

  @Column({ type: 'varchar', length: 128 })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 128 })
  correlationId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Not before this instant: delayed jobs, and back-off after a failed publish. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Publish attempts, successful or not. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
