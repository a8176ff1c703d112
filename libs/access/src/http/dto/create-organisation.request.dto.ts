import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from '../../domain/organisation-kind';

export class FirstAdminDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password!: string;
}

export class CreateOrganisationRequestDto {
  @ApiProperty({ example: 'Fleet Co B.V.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'NL' })
  @Matches(/^[A-Z]{2}$/)
  country!: string;

  @ApiPropertyOptional({ type: FirstAdminDto, description: "The organisation's first admin user" })
  @IsOptional()
  @ValidateNested()
  @Type(() => FirstAdminDto)
  admin?: FirstAdminDto;
}
