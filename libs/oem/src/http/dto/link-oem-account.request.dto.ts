import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class LinkOemAccountRequestDto {
  @ApiProperty({ example: 'sim-oem', description: 'An OEM cloud name from OEM_CLOUDS' })
  @Matches(/^[a-z0-9-]{2,40}$/)
  oem!: string;

  @ApiProperty({ description: "The driver's account id at the OEM; stored only as a keyed hash" })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  accountId!: string;

  @ApiProperty({ description: "The OEM's handle for the vehicle, used to address it" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  oemVehicleRef!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The organisation's EVSE the car charges at (home or depot charger): when the OEM reports it plugged in, an `oem`-channel session opens there" })
  @IsOptional()
  @IsUUID()
  evseId?: string;
}
