import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn, decimalTransformer } from '../../../persistence/src/decimal.transformer';
import type { OemCommandType } from '../domain/oem-command';
import { OemLinkEntity } from './oem-link.entity';

export type OemCommandStatus = 'sending' | 'accepted' | 'applied' | 'failed';

/**
 * Every command to an OEM, recorded before it is sent (STYLE.md 9.4): its id is the request id the
 * OEM deduplicates on, so a retry reconciles instead of sending twice. `latency_ms` is command to
 * effect, as the OEM's result webhook reports it.
 */
@Entity({ name: 'oem_commands' })
@Index('ix_oem_commands_oem_link', ['oemLinkId'])
export class OemCommandEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_oem_commands' })
  id!: string;

  @Column({ type: 'uuid' })
  oemLinkId!: string;

  @ManyToOne(() => OemLinkEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'oem_link_id', foreignKeyConstraintName: 'fk_oem_commands_oem_link' })
  oemLink?: OemLinkEntity;

  @Column({ type: 'text' })
  commandType!: OemCommandType;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  chargeLimitKw!: Decimal | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer(2, 5), nullable: true })
  targetSocPct!: Decimal | null;

  @Column({ type: 'text' })
  status!: OemCommandStatus;

  @Column({ type: 'text', nullable: true })
  oemCommandId!: string | null;

  @Column({ type: 'timestamptz' })
  sentAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  latencyMs!: number | null;

  @Column({ type: 'text', nullable: true })
  failureCode!: string | null;
}
