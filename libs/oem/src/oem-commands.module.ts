import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { OemClouds } from './application/oem-clouds';
import { SendOemCommandUseCase } from './application/send-oem-command.use-case';

/**
 * OEM commands without routes or polling, for a process that only commands vehicles (the
 * dispatcher): the configured clouds (`OEM_CLOUDS`) and SendOemCommandUseCase. The results still
 * arrive by webhook at the connector (OemConnectorModule). Needs ConfigModule and a DataSource.
 */
@Module({
  providers: [OemClouds, SendOemCommandUseCase, AuditLogRepository],
  exports: [SendOemCommandUseCase],
})
export class OemCommandsModule {}
