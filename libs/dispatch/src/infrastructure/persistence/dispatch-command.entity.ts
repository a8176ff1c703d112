import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { SessionEntity } from '../../../../fleet/src/infrastructure/persistence/session.entity';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { DispatchCommandBatchEntity } from './dispatch-command-batch.entity';

export type DispatchCommandKind = 'limit' | 'setpoint' | 'start' | 'stop';
export type DispatchCommandStatus = 'recorded' | 'sent' | 'accepted' | 'rejected' | 'failed' | 'superseded';

/** One per-session instruction of the loop: a max limit (OCPI, OCPP 2.0.1, OEM) or a signed setpoint (OCPP 2.1). */
@Entity({ name: 'dispatch_commands' })
@Index('ix_dispatch_commands_batch', ['batchId'])
@Index('ix_dispatch_commands_session', ['sessionId', 'createdAt'])
@Check('ck_dispatch_commands_kind', `kind IN ('limit', 'setpoint', 'start', 'stop')`)
@Check('ck_dispatch_commands_status', `status IN ('recorded', 'sent', 'accepted', 'rejected', 'failed', 'superseded')`)
@Check('ck_dispatch_commands_limit', `kind <> 'limit' OR power_kw >= 0`)
export class DispatchCommandEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_dispatch_commands' })
  id!: string;

  @Column({ type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => DispatchCommandBatchEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_dispatch_commands_batch' })
  batch?: DispatchCommandBatchEntity;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_dispatch_commands_session' })
  session?: SessionEntity;

  @Column({ type: 'text' })
  kind!: DispatchCommandKind;

  @Column(decimalColumn('powerKw'))
  powerKw!: Decimal;

  @Column({ type: 'text' })
  status!: DispatchCommandStatus;

  /** The channel's own command id (ocpi_charging_profile_commands.id, ocpp_commands.id). */
  @Column({ type: 'text', nullable: true })
  channelCommandId!: string | null;

  @Column({ type: 'integer', nullable: true })
  latencyMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}
