import { CongestionJobsModule } from '@vpp/congestion';
import { FleetJobsModule } from '@vpp/fleet';
import { OcpiConnectorModule } from '@vpp/ocpi';
import { OcppModule } from '@vpp/ocpp';
import { OemConnectorModule } from '@vpp/oem';

/**
 * Every module that handles a job of the `connector` queue. The connector app and the tests that
 * boot a connector take this one list, because the app refuses to boot with a catalog job of its
 * queues unhandled and a hand-kept copy drifts each time a job is added.
 */
export const CONNECTOR_JOB_MODULES = [FleetJobsModule, OcpiConnectorModule, OcppModule, OemConnectorModule, CongestionJobsModule] as const;
