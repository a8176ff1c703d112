import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OcpiPartyEntity } from './ocpi-party.entity';
import { OcpiSessionEntity } from './ocpi-session.entity';
import type { ChargingProfileCommandStatus } from '../domain/charging-profile-command';

/**
 * One SetChargingProfile we send. It is recorded before the PUT (STYLE.md 9.4), and the request id
 * goes out as X-Request-ID, so a retry after a crash resends the same request the CPO can match.
 */
@Entity({ name: 'ocpi_charging_profile_commands' })
@Unique('uq_ocpi_charging_profile_commands_request_id', ['requestId'])
@Index('ix_ocpi_charging_profile_commands_session', ['ocpiSessionId'])
@Check(
  'ck_ocpi_charging_profile_commands_status',
  `status IN ('recorded', 'sent', 'accepted', 'confirmed', 'rejected', 'failed', 'timed_out')`,
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

  /** The ChargingProfile as sent (wire form). */
  @Column({ type: 'jsonb' })
  profile!: Record<string, unknown>;

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
