import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

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
}
