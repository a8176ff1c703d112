import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class GrantDelegationRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  operatorOrganisationId!: string;

  @ApiProperty({ example: 'Onboarding support, ticket 4711' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiProperty({ format: 'date-time', description: 'Exclusive end; at most 90 days after validFrom' })
  @IsISO8601({ strict: true })
  validTo!: string;
}
