import { OcppCommandEntity } from './ocpp-command.entity';
import { OcppStationEntity } from './ocpp-station.entity';
import { OcppTransactionEntity } from './ocpp-transaction.entity';

export const OCPP_ENTITIES = [OcppStationEntity, OcppTransactionEntity, OcppCommandEntity];
