import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

// An offset-less date-time would be read by `new Date` in the server's local zone.
const INSTANT_WITH_ZONE = /T.*(?:Z|[+-]\d{2}:?\d{2})$/;

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
  @Matches(INSTANT_WITH_ZONE, { message: 'validFrom must be a date-time with Z or an offset' })
  validFrom?: string;

  @ApiProperty({ format: 'date-time', description: 'Exclusive end; at most 90 days after validFrom' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_ZONE, { message: 'validTo must be a date-time with Z or an offset' })
  validTo!: string;
}
