// Every migration, in order. Listed explicitly so ts-node, jest and compiled dist load the same
// set. Never edit a merged migration; add a new one (STYLE.md 9.5).
import { CreateAccessTables1764000000000 } from './1764000000000-CreateAccessTables';
import { CreateOutbox1764000001000 } from './1764000001000-CreateOutbox';
import { CreateFleetModel1764100000000 } from './1764100000000-CreateFleetModel';
import { CreateOcppTables1764100200000 } from './1764100200000-CreateOcppTables';
import { CreateOcpiTables1764100100000 } from './1764100100000-CreateOcpiTables';
import { PseudonymiseOcpiTokens1764100110000 } from './1764100110000-PseudonymiseOcpiTokens';
import { CreateTelemetryTables1764100300000 } from './1764100300000-CreateTelemetryTables';
import { CreateMeterValueSessionState1764100310000 } from './1764100310000-CreateMeterValueSessionState';
import { CreateOemTables1764100400000 } from './1764100400000-CreateOemTables';
import { CreateMobilityNeeds1764100401000 } from './1764100401000-CreateMobilityNeeds';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: Function[] = [
  CreateAccessTables1764000000000,
  CreateOutbox1764000001000,
  CreateFleetModel1764100000000,
  CreateOcppTables1764100200000,
  CreateOcpiTables1764100100000,
  PseudonymiseOcpiTokens1764100110000,
  CreateTelemetryTables1764100300000,
  CreateMeterValueSessionState1764100310000,
  CreateOemTables1764100400000,
  CreateMobilityNeeds1764100401000,
];
