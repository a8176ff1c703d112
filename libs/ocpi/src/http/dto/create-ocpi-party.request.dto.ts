import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';

export class CreateOcpiPartyRequestDto {
  @ApiProperty({ description: 'Our organisation for this CPO (kind cpo)', format: 'uuid' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ example: 'NL', description: 'The CPO country code (ISO 3166-1 alpha-2)' })
  @Matches(/^[A-Za-z]{2}$/)
  countryCode!: string;

  @ApiProperty({ example: 'ABC', description: 'The CPO party id (3 characters)' })
  @Matches(/^[A-Za-z0-9]{3}$/)
  partyId!: string;
}
