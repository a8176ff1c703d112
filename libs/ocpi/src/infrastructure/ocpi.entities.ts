// Entities import their dependencies by path, not through @vpp/* barrels: the entity registry in
// libs/persistence loads them, and a barrel import would close a cycle back to it.
import { OcpiCdrEntity } from './ocpi-cdr.entity';
import { OcpiChargingProfileCommandEntity } from './ocpi-charging-profile-command.entity';
import { OcpiLocationEntity } from './ocpi-location.entity';
import { OcpiPartyEntity } from './ocpi-party.entity';
import { OcpiPullCursorEntity } from './ocpi-pull-cursor.entity';
import { OcpiSessionEntity } from './ocpi-session.entity';

export const OCPI_ENTITIES = [OcpiPartyEntity, OcpiLocationEntity, OcpiSessionEntity, OcpiCdrEntity, OcpiChargingProfileCommandEntity, OcpiPullCursorEntity];
