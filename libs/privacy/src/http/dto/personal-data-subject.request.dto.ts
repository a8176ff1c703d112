import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PSEUDONYM_KINDS, PseudonymKind } from '../../domain/pseudonym';

export class SubjectIdentifierDto {
  @ApiProperty({ enum: PSEUDONYM_KINDS })
  @IsIn(PSEUDONYM_KINDS)
  kind!: PseudonymKind;

  @ApiProperty({ description: 'The raw identifier (token uid, OEM account id, driver id); hashed with the platform key, never stored' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  value!: string;
}

export class PersonalDataSubjectRequestDto {
  @ApiProperty({ type: [SubjectIdentifierDto], description: 'Every identifier the driver is known by' })
  @ValidateNested({ each: true })
  @Type(() => SubjectIdentifierDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  identifiers!: SubjectIdentifierDto[];
}
