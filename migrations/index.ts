// Every migration, in order. Listed explicitly so ts-node, jest and compiled dist load the same
// set. Never edit a merged migration; add a new one (STYLE.md 9.5).
import { CreateAccessTables1764000000000 } from './1764000000000-CreateAccessTables';
import { CreateOutbox1764000001000 } from './1764000001000-CreateOutbox';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: Function[] = [
  CreateAccessTables1764000000000,
  CreateOutbox1764000001000,
];
