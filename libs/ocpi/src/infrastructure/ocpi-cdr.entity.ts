import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { decimalColumn } from '../../../persistence/src/decimal.transformer';
import type { Decimal } from '@vpp/units';
import { OcpiPartyEntity } from './ocpi-party.entity';

/** A CDR as POSTed by the CPO (mod_cdrs: CDRs are immutable; a correction is a new credit CDR). */
@Entity({ name: 'ocpi_cdrs' })
@Index('ix_ocpi_cdrs_token_uid_hash', ['tokenUidHash'])
@Unique('uq_ocpi_cdrs_party_cdr', ['ocpiPartyId', 'cdrId'])
export class OcpiCdrEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpi_cdrs' })
  id!: string;

  @Column({ type: 'uuid' })
  ocpiPartyId!: string;

  @ManyToOne(() => OcpiPartyEntity, { nullable: false })
  @JoinColumn({ name: 'ocpi_party_id', foreignKeyConstraintName: 'fk_ocpi_cdrs_party' })
  party?: OcpiPartyEntity;

  @Column({ type: 'varchar', length: 39 })
  cdrId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  sessionId!: string | null;

  @Column({ type: 'timestamptz' })
  startDateTime!: Date;

  @Column({ type: 'timestamptz' })
  endDateTime!: Date;

  @Column(decimalColumn('energyKwh'))
  totalEnergyKwh!: Decimal;

  /**
   * `pseudonymise('ocpi-token', cdr_token.uid)` (libs/privacy). The raw uid, contract id and
   * authorization reference are never stored; erasure sets this to NULL (PERSONAL_DATA_COLUMNS).
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  tokenUidHash!: string | null;

  /** The OCPI object as received, less the token identifiers (see `tokenUidHash`). */
  @Column({ type: 'jsonb' })
  object!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
