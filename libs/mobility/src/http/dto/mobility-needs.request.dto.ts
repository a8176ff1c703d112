import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MOBILITY_NEEDS_SOURCES, MobilityNeedsSource } from '../../domain/mobility-needs';

// An offset-less date-time would be read by `new Date` in the server's local zone.
const INSTANT_WITH_ZONE = /T.*(?:Z|[+-]\d{2}:?\d{2})$/;

// Signed, so "-5" reaches the domain check and gets its own code instead of a pattern message.
const DECIMAL = /^-?\d{1,6}(\.\d{1,6})?$/;

/** Every field optional: on PUT absent means "not set", on PATCH absent means "unchanged" and null clears. */
export class MobilityNeedsRequestDto {
  @ApiPropertyOptional({ example: '2026-01-10T17:30:00Z', nullable: true, description: 'UTC instant with Z or an offset' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(INSTANT_WITH_ZONE, { message: 'departureAt must be a date-time with Z or an offset' })
  departureAt?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', example: '22.5', nullable: true, description: 'kWh; either this or targetSocPct' })
  @IsOptional()
  @Matches(DECIMAL)
  energyNeedKwh?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', example: '80', nullable: true, description: 'percent 0-100' })
  @IsOptional()
  @Matches(DECIMAL)
  targetSocPct?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', example: '30', nullable: true, description: 'percent 0-100, never above the target' })
  @IsOptional()
  @Matches(DECIMAL)
  minSocPct?: string | null;

  @ApiPropertyOptional({ enum: MOBILITY_NEEDS_SOURCES })
  @IsOptional()
  @IsIn(MOBILITY_NEEDS_SOURCES)
  source?: MobilityNeedsSource;

  @ApiPropertyOptional({ description: "The driver's id in the caller's app; stored only as a keyed hash" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  driverId?: string;

  @ApiPropertyOptional({ description: 'Also ask for an immediate boost' })
  @IsOptional()
  @IsBoolean()
  boost?: boolean;
}
