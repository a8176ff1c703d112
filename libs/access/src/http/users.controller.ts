import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { userView } from '../application/access.views';
import { CreateUserUseCase } from '../application/create-user.use-case';
import { DisableUserUseCase } from '../application/disable-user.use-case';
import { UsersQueries } from '../application/users.queries';
import { TenantScope } from '../domain/tenant-scope';
import { AdminOnly, NoDelegation, Tenant } from './access.decorators';
import { CreateUserRequestDto } from './dto/create-user.request.dto';

type UserView = ReturnType<typeof userView>;

@ApiTags('users')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly disableUser: DisableUserUseCase,
    private readonly queries: UsersQueries,
  ) {}

  @Post()
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: 'Create a user in the caller organisation' })
  async create(@Tenant() scope: TenantScope, @Body() body: CreateUserRequestDto): Promise<UserView> {
    return userView(await this.createUser.execute(scope, body));
  }

  @Get()
  async list(@Tenant() scope: TenantScope): Promise<UserView[]> {
    return (await this.queries.list(scope)).map(userView);
  }

  @Get(':userId')
  async get(@Tenant() scope: TenantScope, @Param('userId', ParseUUIDPipe) userId: string): Promise<UserView> {
    return userView(await this.queries.get(scope, userId));
  }

  @Post(':userId/disable')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Disable a user (allowed under delegation, for incident response)' })
  async disable(@Tenant() scope: TenantScope, @Param('userId', ParseUUIDPipe) userId: string): Promise<UserView> {
    return userView(await this.disableUser.execute(scope, userId));
  }
}
