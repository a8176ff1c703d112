import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CreateApiKeyRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Defaults to API_KEY_DEFAULT_TTL_DAYS' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
