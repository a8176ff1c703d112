import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../domain/access.errors';
import { TenantScope } from '../domain/tenant-scope';
import { DelegationEntity } from '../infrastructure/delegation.entity';

/** A delegation belongs to both of its organisations; each side sees it. */
@Injectable()
export class DelegationsQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(scope: TenantScope): Promise<DelegationEntity[]> {
    return this.dataSource.getRepository(DelegationEntity).find({
      where: [{ clientOrganisationId: scope.organisationId }, { operatorOrganisationId: scope.organisationId }],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async get(scope: TenantScope, delegationId: string): Promise<DelegationEntity> {
    const delegation = await this.dataSource.getRepository(DelegationEntity).findOne({
      where: [
        { id: delegationId, clientOrganisationId: scope.organisationId },
        { id: delegationId, operatorOrganisationId: scope.organisationId },
      ],
    });
    if (!delegation) throw notFound('delegation');
    return delegation;
  }
}
