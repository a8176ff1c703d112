import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { Pseudonymiser } from '@vpp/privacy';
import { LinkOemAccountUseCase } from './application/link-oem-account.use-case';
import { OemClouds } from './application/oem-clouds';
import { SendOemCommandUseCase } from './application/send-oem-command.use-case';
import { VehicleStatesQueries } from './application/vehicle-states.queries';
import './http/oem-error-statuses';
import { VehicleOemController } from './http/vehicle-oem.controller';

/**
 * The OEM routes of the /v1 API: link a vehicle to its OEM account, read its last known state
 * with age, send commands. Needs ConfigModule, a DataSource and AccessModule in the app.
 */
@Module({
  controllers: [VehicleOemController],
  providers: [OemClouds, LinkOemAccountUseCase, SendOemCommandUseCase, VehicleStatesQueries, Pseudonymiser, AuditLogRepository],
  exports: [VehicleStatesQueries],
})
export class OemApiModule {}
