import { ChannelLatencyEntity } from './channel-latency.entity';
import { ChargePointEntity } from './charge-point.entity';
import { EvseEntity } from './evse.entity';
import { ExternalIdEntity } from './external-id.entity';
import { FleetEntity } from './fleet.entity';
import { GridConnectionEntity } from './grid-connection.entity';
import { SessionEntity } from './session.entity';
import { SiteEntity } from './site.entity';
import { V2gComplianceEntity } from './v2g-compliance.entity';
import { VehicleEntity } from './vehicle.entity';

export const FLEET_ENTITIES = [
  FleetEntity,
  SiteEntity,
  GridConnectionEntity,
  ChargePointEntity,
  EvseEntity,
  VehicleEntity,
  V2gComplianceEntity,
  SessionEntity,
  ExternalIdEntity,
  ChannelLatencyEntity,
];
