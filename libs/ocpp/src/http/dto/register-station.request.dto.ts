import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DECIMAL_STRING_PATTERN } from '@vpp/units';

export class StationEvseDto {
  @ApiProperty({ minimum: 1, maximum: 99, description: "The station's own EVSE number, as in its OCPP messages" })
  @IsInt()
  @Min(1)
  @Max(99)
  evseNumber!: number;

  @ApiProperty({ enum: ['AC', 'DC'] })
  @IsIn(['AC', 'DC'])
  currentType!: 'AC' | 'DC';

  @ApiProperty({ enum: [1, 2, 3] })
  @IsIn([1, 2, 3])
  phases!: 1 | 2 | 3;

  @ApiProperty({ type: 'string', format: 'decimal', example: '11' })
  @Matches(DECIMAL_STRING_PATTERN)
  maxPowerKw!: string;

  @ApiProperty()
  @IsBoolean()
  bidirectional!: boolean;
}

export class RegisterStationRequestDto {
  @ApiProperty({ example: 'DEPOT1-CP01', description: 'The OCPP identity (basic-auth user), 1-48 of A-Z a-z 0-9 * - _ = + | @ .' })
  @Matches(/^[A-Za-z0-9*\-_=+|@.]{1,48}$/)
  stationId!: string;

  @ApiProperty({ minLength: 16, maxLength: 40, description: 'Basic-auth password the station will present; stored hashed only' })
  @IsString()
  @MinLength(16)
  @MaxLength(40)
  password!: string;

  @ApiProperty({ example: 'NL' })
  @Matches(/^[A-Z]{2}$/)
  countryCode!: string;

  @ApiProperty({ description: 'The hardware can discharge (V2X); used only over OCPP 2.1' })
  @IsBoolean()
  declaredBidirectional!: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  fleetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ type: [StationEvseDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(99)
  @ValidateNested({ each: true })
  @Type(() => StationEvseDto)
  evses?: StationEvseDto[];
}
