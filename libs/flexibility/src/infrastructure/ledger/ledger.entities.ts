import { LedgerCapacityEntity } from './ledger-capacity.entity';
import { ReservationLineEntity } from './reservation-line.entity';
import { ReservationEntity } from './reservation.entity';

export const LEDGER_ENTITIES = [LedgerCapacityEntity, ReservationEntity, ReservationLineEntity];
