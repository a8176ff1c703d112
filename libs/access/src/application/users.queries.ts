import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantScope } from '../domain/tenant-scope';
import { UserEntity } from '../infrastructure/user.entity';

@Injectable()
export class UsersQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(scope: TenantScope): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ where: scope.where(), order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(scope: TenantScope, userId: string): Promise<UserEntity> {
    return scope.requireOwned(await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId, ...scope.where() }), 'user');
  }
}
