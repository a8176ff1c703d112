// Every TypeORM entity of the platform, listed explicitly: the apps, the migration CLI, the
// drift check and the tests load the same list, the same way under ts-node, jest and dist.
// Each bounded context exports its own array; add it here when a context gets tables.
import type { MixedList, EntitySchema } from 'typeorm';
import { ACCESS_ENTITIES } from '../../access/src/infrastructure/access.entities';
import { QUEUES_ENTITIES } from '../../queues/src/queues.entities';
import { FLEET_ENTITIES } from '../../fleet/src/infrastructure/persistence/fleet.entities';
import { OCPP_ENTITIES } from '../../ocpp/src/infrastructure/ocpp.entities';
import { OCPI_ENTITIES } from '../../ocpi/src/infrastructure/ocpi.entities';
import { TELEMETRY_ENTITIES } from '../../telemetry/src/infrastructure/telemetry.entities';
import { OEM_ENTITIES } from '../../oem/src/infrastructure/oem.entities';
import { MOBILITY_ENTITIES } from '../../mobility/src/infrastructure/mobility.entities';
import { PORTFOLIO_ENTITIES } from '../../flexibility/src/infrastructure/portfolio/portfolio.entities';
import { LEDGER_ENTITIES } from '../../flexibility/src/infrastructure/ledger/ledger.entities';
import { BASELINE_RECORD_ENTITIES } from '../../flexibility/src/infrastructure/baseline-records/baseline-record.entities';
import { FORECAST_ENTITIES } from '../../flexibility/src/infrastructure/forecast/forecast.entities';
import { PLANNING_ENTITIES } from '../../flexibility/src/infrastructure/planning/planning.entities';

import { CONGESTION_ENTITIES } from '../../congestion/src/infrastructure/congestion.entities';
import { MARKETS_ENTITIES } from '../../markets/src/infrastructure/calendar/markets.entities';
import { SETTLEMENT_ENTITIES } from '../../settlement/src/infrastructure/persistence/settlement.entities';
import { BID_ENTITIES } from '../../markets/src/infrastructure/bids/bids.entities';
import { DISPATCH_ENTITIES } from '../../dispatch/src/infrastructure/persistence/dispatch.entities';
import { GATEWAYS_ENTITIES } from '../../markets/src/infrastructure/gateways/gateways.entities';
import { SETTLEMENT_PIPELINE_ENTITIES } from '../../settlement/src/infrastructure/pipeline/settlement-pipeline.entities';
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_ENTITIES: MixedList<Function | string | EntitySchema> = [
  ...ACCESS_ENTITIES,
  ...QUEUES_ENTITIES,
  ...FLEET_ENTITIES,
  ...OCPP_ENTITIES,
  ...OCPI_ENTITIES,
  ...TELEMETRY_ENTITIES,
  ...OEM_ENTITIES,
  ...MOBILITY_ENTITIES,
  ...PORTFOLIO_ENTITIES,
  ...LEDGER_ENTITIES,
  ...BASELINE_RECORD_ENTITIES,
  ...FORECAST_ENTITIES,
  ...PLANNING_ENTITIES,
  ...CONGESTION_ENTITIES,
  ...MARKETS_ENTITIES,
  ...SETTLEMENT_ENTITIES,
  ...BID_ENTITIES,
  ...DISPATCH_ENTITIES,
  ...GATEWAYS_ENTITIES,
  ...SETTLEMENT_PIPELINE_ENTITIES,
];
