import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, ValidateIf } from 'class-validator';
import { OEM_COMMAND_TYPES, OemCommandType } from '../../domain/oem-command';

export class SendOemCommandRequestDto {
  @ApiProperty({ enum: OEM_COMMAND_TYPES })
  @IsIn(OEM_COMMAND_TYPES)
  type!: OemCommandType;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', example: '3.7', description: 'For charge-limit: kW, up to 3 decimals' })
  @ValidateIf((dto: SendOemCommandRequestDto) => dto.type === 'charge-limit')
  @Matches(/^\d{1,4}(\.\d{1,3})?$/)
  chargeLimitKw?: string;

  @ApiPropertyOptional({ type: 'string', format: 'decimal', example: '80', description: 'For target-soc: percent 0-100' })
  @ValidateIf((dto: SendOemCommandRequestDto) => dto.type === 'target-soc')
  @Matches(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/)
  targetSocPct?: string;
}
