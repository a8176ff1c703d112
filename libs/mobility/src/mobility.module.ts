import { Module } from '@nestjs/common';
import { PLATFORM_CLOCK } from '@vpp/config';
import { AuditLogRepository } from '@vpp/access';
import { Pseudonymiser } from '@vpp/privacy';
import { MOBILITY_CLOCK } from './application/mobility-clock';
import { MobilityNeedsQueries } from './application/mobility-needs.queries';
import { SetMobilityNeedsUseCase } from './application/set-mobility-needs.use-case';
import './http/mobility-error-statuses';
import { MobilityNeedsController } from './http/mobility-needs.controller';

/** The mobility-needs API (/v1, api app). Needs ConfigModule, a DataSource and AccessModule in the app. */
@Module({
  controllers: [MobilityNeedsController],
  providers: [SetMobilityNeedsUseCase, MobilityNeedsQueries, Pseudonymiser, AuditLogRepository, { provide: MOBILITY_CLOCK, useExisting: PLATFORM_CLOCK }],
  exports: [MobilityNeedsQueries, MOBILITY_CLOCK],
})
export class MobilityModule {}
