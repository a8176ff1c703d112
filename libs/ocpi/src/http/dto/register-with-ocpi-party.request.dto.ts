import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength } from 'class-validator';

export class RegisterWithOcpiPartyRequestDto {
  @ApiProperty({ example: 'https://cpo.example/ocpi/versions' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  versionsUrl!: string;

  @ApiProperty({ description: "The CPO's token A, handed over out of band" })
  @IsString()
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]+$/)
  token!: string;
}
