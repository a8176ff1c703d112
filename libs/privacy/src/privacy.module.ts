import { Module } from '@nestjs/common';
import { AccessModule } from '@vpp/access';
import { ErasePersonalDataUseCase } from './application/erase-personal-data.use-case';
import { ExportPersonalDataUseCase } from './application/export-personal-data.use-case';
import { PersonalDataRepository } from './application/personal-data.repository';
import { Pseudonymiser } from './pseudonymiser';
import { PersonalDataController } from './http/personal-data.controller';
import './http/privacy-error-statuses';

/**
 * The operator's data-subject API (export, erase) and the `Pseudonymiser` for other modules.
 * Needs the global ConfigModule, a TypeORM DataSource and AccessModule in the importing app.
 */
@Module({
  imports: [AccessModule],
  controllers: [PersonalDataController],
  providers: [PersonalDataRepository, ExportPersonalDataUseCase, ErasePersonalDataUseCase, Pseudonymiser],
  exports: [Pseudonymiser],
})
export class PrivacyModule {}
