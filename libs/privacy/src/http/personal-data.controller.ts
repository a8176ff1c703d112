import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminOnly, NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { ErasePersonalDataUseCase, ErasureResult } from '../application/erase-personal-data.use-case';
import { ExportPersonalDataUseCase, PersonalDataExport } from '../application/export-personal-data.use-case';
import { PersonalDataSubjectRequestDto } from './dto/personal-data-subject.request.dto';

/**
 * Data-subject requests are the platform operator's duty across every tenant (it processes the
 * fleets' data), so they are operator-admin only and not delegable. POST for both, so raw
 * identifiers travel in the body and never in URLs or access logs.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/personal-data')
@Roles('operator')
@AdminOnly()
@NoDelegation()
export class PersonalDataController {
  constructor(
    private readonly exportData: ExportPersonalDataUseCase,
    private readonly eraseData: ErasePersonalDataUseCase,
  ) {}

  @Post('export')
  @HttpCode(200)
  @ApiOperation({ summary: 'Export (JSON) everything the platform holds about one driver' })
  export(@Tenant() scope: TenantScope, @Body() body: PersonalDataSubjectRequestDto): Promise<PersonalDataExport> {
    return this.exportData.execute(scope, body.identifiers);
  }

  @Post('erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase (delete or irreversibly unlink) everything the platform holds about one driver; audited' })
  erase(@Tenant() scope: TenantScope, @Body() body: PersonalDataSubjectRequestDto): Promise<ErasureResult> {
    return this.eraseData.execute(scope, body.identifiers);
  }
}
