import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../../access/src/infrastructure/organisation.entity';
import type { OcpiEndpoint } from '../protocol/versions.schema';

export type OcpiPartyStatus = 'pending' | 'registered' | 'unregistered';

/**
 * One OCPI counterparty (a CPO) and the credentials of both directions. Tokens that others
 * present to us are stored only as SHA-256 hashes; the token we present to them is needed in
 * clear to call them, so it is stored AES-256-GCM encrypted with OCPI_TOKEN_ENCRYPTION_KEY.
 */
@Entity({ name: 'ocpi_parties' })
@Unique('uq_ocpi_parties_country_party_role', ['countryCode', 'partyId', 'role'])
@Unique('uq_ocpi_parties_registration_token_hash', ['registrationTokenHash'])
@Unique('uq_ocpi_parties_inbound_token_hash', ['inboundTokenHash'])
@Index('ix_ocpi_parties_organisation_id', ['organisationId'])
@Check('ck_ocpi_parties_status', `status IN ('pending', 'registered', 'unregistered')`)
export class OcpiPartyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpi_parties' })
  id!: string;

  /** Our organisation for this CPO (kind `cpo`): tenant scope and audit chain. */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_ocpi_parties_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 2 })
  countryCode!: string;

  @Column({ type: 'varchar', length: 3 })
  partyId!: string;

  @Column({ type: 'varchar', length: 8 })
  role!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OcpiPartyStatus;

  /** Token A we issued (hash), valid until the party registers. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  registrationTokenHash!: string | null;

  /** Token C (we are receiver) or the token we gave them as sender: what they present to us (hash). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  inboundTokenHash!: string | null;

  /** Token B (or their token C when we registered with them): what we present to them, encrypted. */
  @Column({ type: 'text', nullable: true })
  outboundTokenEncrypted!: string | null;

  @Column({ type: 'text', nullable: true })
  versionsUrl!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  version!: string | null;

  @Column({ type: 'jsonb' })
  endpoints!: OcpiEndpoint[];

  @Column({ type: 'text', nullable: true })
  businessName!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;

  /** Last authenticated request from the party: the basis for "a CPO that goes silent". */
  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;
}
