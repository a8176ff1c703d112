import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { decimalColumn } from '../../../persistence/src/decimal.transformer';
import type { Decimal } from '@vpp/units';
import { OcpiPartyEntity } from './ocpi-party.entity';

/**
 * A CPO's Session under our own id. Session ids are unique per CPO only (mod_sessions "id"), so
 * the external key is (party, session id). Staleness lives in the fleet model (MarkStaleSessionsUseCase).
 */
@Entity({ name: 'ocpi_sessions' })
@Index('ix_ocpi_sessions_token_uid_hash', ['tokenUidHash'])
@Unique('uq_ocpi_sessions_party_session', ['ocpiPartyId', 'sessionId'])
export class OcpiSessionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpi_sessions' })
  id!: string;

  @Column({ type: 'uuid' })
  ocpiPartyId!: string;

  @ManyToOne(() => OcpiPartyEntity, { nullable: false })
  @JoinColumn({ name: 'ocpi_party_id', foreignKeyConstraintName: 'fk_ocpi_sessions_party' })
  party?: OcpiPartyEntity;

  @Column({ type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 36 })
  locationId!: string;

  @Column({ type: 'varchar', length: 36 })
  evseUid!: string;

  @Column({ type: 'varchar', length: 36 })
  connectorId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'timestamptz' })
  startDateTime!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endDateTime!: Date | null;

  @Column(decimalColumn('energyKwh'))
  energyKwh!: Decimal;

  /** ChargingPreferences.departure_time, when the driver gave one. */
  @Column({ type: 'timestamptz', nullable: true })
  departureTime!: Date | null;

  @Column(decimalColumn('energyKwh', { nullable: true }))
  energyNeedKwh!: Decimal | null;

  @Column({ type: 'boolean', nullable: true })
  dischargeAllowed!: boolean | null;

  /** The CPO's ActiveChargingProfile as last PUT to us (mod_charging_profiles, sender interface). */
  @Column({ type: 'jsonb', nullable: true })
  activeChargingProfile!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz' })
  lastUpdated!: Date;

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

  /** Our session in the fleet model (libs/fleet `sessions.id`), kept in step in the same transaction. */
  @Column({ type: 'uuid', nullable: true })
  fleetSessionId!: string | null;
}
