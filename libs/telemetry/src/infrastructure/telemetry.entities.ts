import { MeterValueQuarantineEntity } from './meter-value-quarantine.entity';
import { MeterValueSessionStateEntity } from './meter-value-session-state.entity';
import { MeterValueEntity } from './meter-value.entity';

/** The tables of libs/telemetry, listed in libs/persistence's entity registry. */
export const TELEMETRY_ENTITIES = [MeterValueEntity, MeterValueQuarantineEntity, MeterValueSessionStateEntity];
