import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';

export class BrpPartyCodeDto {
  @ApiProperty({ description: 'The BRP organisation (kind brp)' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ description: 'The party code portfolios name in brp_reference, e.g. an EAN-13', example: '8712423010208' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,100}$/, { message: 'code must be 1-100 letters, digits or dashes' })
  code!: string;
}
