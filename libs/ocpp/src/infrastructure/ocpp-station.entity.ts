import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
// Relative, not @vpp/access: the entity registry loads this file, and the barrels would form a cycle.
import { OrganisationEntity } from '../../../access/src/infrastructure/organisation.entity';
import type { OcppSubprotocol } from '../protocol/ocpp-messages';

/**
 * A charging station we steer directly over OCPP. The password is never stored, only its scrypt
 * hash (security profiles 1 and 2 use HTTP basic auth, 2.0.1 Part 2 A00.FR.2xx).
 */
@Entity({ name: 'ocpp_stations' })
@Unique('uq_ocpp_stations_station_id', ['stationId'])
@Check('ck_ocpp_stations_country_code', `country_code ~ '^[A-Z]{2}$'`)
@Check('ck_ocpp_stations_ocpp_version', `ocpp_version IS NULL OR ocpp_version IN ('ocpp2.0.1', 'ocpp2.1')`)
export class OcppStationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpp_stations' })
  id!: string;

  /** The OCPP identity: last path segment of the connection URL and the basic-auth user. */
  @Column({ type: 'text' })
  stationId!: string;

  /** The depot or station operator that owns the station: the "party" of the ocpp channel. */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_ocpp_stations_organisation' })
  organisation?: OrganisationEntity;

  /** ISO 3166-1 alpha-2 of the site: with the organisation it forms the fleet model's party. */
  @Column({ type: 'text' })
  countryCode!: string;

  /** Our fleet and site in the fleet model; sessions are created only for mapped stations. */
  @Column({ type: 'uuid', nullable: true })
  fleetId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  siteId!: string | null;

  @Column({ type: 'text' })
  passwordHash!: string;

  /** Declared by the operator: the hardware can discharge (V2X). */
  @Column({ type: 'boolean' })
  declaredBidirectional!: boolean;

  /** The subprotocol negotiated on the last connection. */
  @Column({ type: 'text', nullable: true })
  ocppVersion!: OcppSubprotocol | null;

  @Column({ type: 'boolean', default: false })
  supportsSetpoints!: boolean;

  @Column({ type: 'boolean', default: false })
  supportsDischarge!: boolean;

  @Column({ type: 'text', nullable: true })
  vendorName!: string | null;

  @Column({ type: 'text', nullable: true })
  model!: string | null;

  @Column({ type: 'text', nullable: true })
  firmwareVersion!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastBootAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  connected!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
