import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OcpiPartyEntity } from './ocpi-party.entity';
import { OcpiSessionEntity } from './ocpi-session.entity';
import type { ChargingProfileCommandKind, ChargingProfileCommandStatus } from '../domain/charging-profile-command';

/**
 * One charging profile command we send: SetChargingProfile (`set`), ClearProfile (`clear`) or
 * GET ActiveChargingProfile (`get_active`). It is recorded before the PUT (STYLE.md 9.4), and the request id
 * goes out as X-Request-ID, so a retry after a crash resends the same request the CPO can match.
 */
@Entity({ name: 'ocpi_charging_profile_commands' })
@Unique('uq_ocpi_charging_profile_commands_request_id', ['requestId'])
@Index('ix_ocpi_charging_profile_commands_session', ['ocpiSessionId'])
@Check(
  'ck_ocpi_charging_profile_commands_status',
  `status IN ('recorded', 'sent', 'accepted', 'confirmed', 'rejected', 'failed', 'timed_out')`,
)
@Check('ck_ocpi_charging_profile_commands_kind', `kind IN ('set', 'clear', 'get_active')`)
@Check(
  'ck_ocpi_charging_profile_commands_profile',
  `(kind = 'set') = (profile IS NOT NULL) AND (kind = 'get_active') = (duration_seconds IS NOT NULL)`,
)
export class OcpiChargingProfileCommandEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpi_charging_profile_commands' })
  id!: string;

  @Column({ type: 'uuid' })
  ocpiPartyId!: string;

  @ManyToOne(() => OcpiPartyEntity, { nullable: false })
  @JoinColumn({ name: 'ocpi_party_id', foreignKeyConstraintName: 'fk_ocpi_charging_profile_commands_party' })
  party?: OcpiPartyEntity;

  @Column({ type: 'uuid' })
  ocpiSessionId!: string;

  @ManyToOne(() => OcpiSessionEntity, { nullable: false })
  @JoinColumn({ name: 'ocpi_session_id', foreignKeyConstraintName: 'fk_ocpi_charging_profile_commands_session' })
  session?: OcpiSessionEntity;

  @Column({ type: 'uuid' })
  requestId!: string;

  @Column({ type: 'varchar', length: 128 })
  correlationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ChargingProfileCommandKind;

  /** The ChargingProfile as sent (wire form); only for `set`. */
  @Column({ type: 'jsonb', nullable: true })
  profile!: Record<string, unknown> | null;

  /** The `duration` of a GET ActiveChargingProfile: how far ahead the CPO reports its limits. */
  @Column({ type: 'integer', nullable: true })
  durationSeconds!: number | null;

  /** The ActiveChargingProfile the CPO answered a `get_active` with (ActiveChargingProfileResult.profile). */
  @Column({ type: 'jsonb', nullable: true })
  resultProfile!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ChargingProfileCommandStatus;

  /** ChargingProfileResponse.result, the CPO's immediate answer. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  responseResult!: string | null;

  /** ChargingProfileResult.result, POSTed later to our response_url. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  result!: string | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resultAt!: Date | null;

  /** When we stop waiting for the async result and mark the command timed out. */
  @Column({ type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  /** Command to confirmed effect (sentAt to resultAt), in milliseconds. */
  @Column({ type: 'integer', nullable: true })
  latencyMs!: number | null;
}
