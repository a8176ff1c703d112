import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { MEMBER_ROLES, MemberRole } from '../../domain/organisation-kind';

export class CreateApiClientRequestDto {
  @ApiProperty({ example: 'CPO backend' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: MEMBER_ROLES, description: 'admin clients may manage users, keys and delegations' })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}
