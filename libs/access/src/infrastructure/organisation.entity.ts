import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganisationKind } from '../domain/organisation-kind';

@Entity({ name: 'organisations' })
@Check('ck_organisations_kind', `kind IN ('operator', 'fleet_owner', 'cpo', 'oem', 'brp', 'dso')`)
@Check('ck_organisations_country', `country ~ '^[A-Z]{2}$'`)
export class OrganisationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_organisations' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  /** ISO 3166-1 alpha-2 */
  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
