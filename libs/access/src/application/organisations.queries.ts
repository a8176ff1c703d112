import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../domain/access.errors';
import { TenantScope } from '../domain/tenant-scope';
import { OrganisationEntity } from '../infrastructure/organisation.entity';

/** A principal sees exactly one organisation: its tenant (the client's under a delegation). */
@Injectable()
export class OrganisationsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: TenantScope): Promise<OrganisationEntity[]> {
    return this.dataSource.getRepository(OrganisationEntity).findBy({ id: scope.organisationId });
  }

  async get(scope: TenantScope, organisationId: string): Promise<OrganisationEntity> {
    scope.assertCanAccess(organisationId, 'organisation');
    const organisation = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: organisationId });
    if (!organisation) throw notFound('organisation');
    return organisation;
  }
}
