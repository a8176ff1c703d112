// Every TypeORM entity of the platform, listed explicitly: the apps, the migration CLI, the
// drift check and the tests load the same list, the same way under ts-node, jest and dist.
// Each bounded context exports its own array; add it here when a context gets tables.
import type { MixedList, EntitySchema } from 'typeorm';
import { ACCESS_ENTITIES } from '../../access/src/infrastructure/access.entities';
import { QUEUES_ENTITIES } from '../../queues/src/queues.entities';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_ENTITIES: MixedList<Function | string | EntitySchema> = [
  ...ACCESS_ENTITIES,
  ...QUEUES_ENTITIES,
];
