import { OemCloudStatusEntity } from './oem-cloud-status.entity';
import { OemCommandEntity } from './oem-command.entity';
import { OemLinkEntity } from './oem-link.entity';
import { OemWebhookDeliveryEntity } from './oem-webhook-delivery.entity';
import { VehicleStateEntity } from './vehicle-state.entity';

export const OEM_ENTITIES = [OemLinkEntity, VehicleStateEntity, OemCommandEntity, OemWebhookDeliveryEntity, OemCloudStatusEntity];
