import { Module } from '@nestjs/common';
import { AuditLogRepository } from '@vpp/access';
import { EnsureFleetUseCase } from './application/ensure-fleet.use-case';
import { ImportSessionsUseCase } from './application/import-sessions.use-case';
import { MarkStaleSessionsUseCase } from './application/mark-stale-sessions.use-case';
import { QualifiedSessionsQuery } from './application/qualified-sessions.query';
import { RecordChannelLatencyUseCase } from './application/record-channel-latency.use-case';
import { RecordV2gComplianceUseCase } from './application/record-v2g-compliance.use-case';
import { UpsertExternalEvseUseCase } from './application/upsert-external-evse.use-case';
import { UpsertExternalLocationUseCase } from './application/upsert-external-location.use-case';
import { UpsertExternalSessionUseCase } from './application/upsert-external-session.use-case';
import { UpsertVehicleUseCase } from './application/upsert-vehicle.use-case';

const USE_CASES = [
  EnsureFleetUseCase,
  UpsertExternalLocationUseCase,
  UpsertExternalEvseUseCase,
  UpsertExternalSessionUseCase,
  UpsertVehicleUseCase,
  RecordChannelLatencyUseCase,
  RecordV2gComplianceUseCase,
  MarkStaleSessionsUseCase,
  QualifiedSessionsQuery,
  ImportSessionsUseCase,
];

/**
 * The fleet asset model's use cases for the connector (OCPI, OCPP, OEM adapters), the API and
 * the planner. Every use case takes the caller's `EntityManager`, so adapters compose them in
 * one transaction. Needs a TypeORM `DataSource` provider in the app (for the audit log).
 */
@Module({
  providers: [...USE_CASES, AuditLogRepository],
  exports: USE_CASES,
})
export class FleetModule {}
