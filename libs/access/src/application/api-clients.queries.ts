import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantScope } from '../domain/tenant-scope';
import { ApiClientEntity } from '../infrastructure/api-client.entity';
import { ApiKeyEntity } from '../infrastructure/api-key.entity';

@Injectable()
export class ApiClientsQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(scope: TenantScope): Promise<ApiClientEntity[]> {
    return this.dataSource.getRepository(ApiClientEntity).find({ where: scope.where(), order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(scope: TenantScope, apiClientId: string): Promise<ApiClientEntity> {
    return scope.requireOwned(await this.dataSource.getRepository(ApiClientEntity).findOneBy({ id: apiClientId, ...scope.where() }), 'api client');
  }

  /** Never the secret: it is not stored. */
  async keys(scope: TenantScope, apiClientId: string): Promise<ApiKeyEntity[]> {
    const client = await this.get(scope, apiClientId);
    return this.dataSource.getRepository(ApiKeyEntity).find({ where: { apiClientId: client.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
