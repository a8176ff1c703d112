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
];
