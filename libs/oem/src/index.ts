// Public API of @vpp/oem.
export * from './domain/backoff';
export * from './domain/oem-adapter';
export * from './domain/oem-command';
export * from './domain/oem.errors';
export * from './domain/rate-limit';
export * from './domain/vehicle-state';
export * from './domain/webhook-signature';
export { OEM_ENTITIES } from './infrastructure/oem.entities';
export { OemLinkEntity } from './infrastructure/oem-link.entity';
export { VehicleStateEntity } from './infrastructure/vehicle-state.entity';
export { OemCommandEntity } from './infrastructure/oem-command.entity';
export { OemWebhookDeliveryEntity } from './infrastructure/oem-webhook-delivery.entity';
export { GenericRestOemAdapter } from './infrastructure/generic-rest-oem.adapter';
export { GuardedOemClient } from './infrastructure/guarded-oem-client';
export type { OemClientStatus } from './infrastructure/guarded-oem-client';
export { OemClouds } from './application/oem-clouds';
export { PollVehicleStatesUseCase } from './application/poll-vehicle-states.use-case';
export { OemSessionTracker } from './application/oem-session-tracker';
export type { OemSessionChange, OemSessionOutcome } from './application/oem-session-tracker';
export type { PollRound } from './application/poll-vehicle-states.use-case';
export { VehicleStatesQueries } from './application/vehicle-states.queries';
export type { VehicleStateView } from './application/vehicle-states.queries';
export { OEM_WEBHOOK_PATH_PREFIX } from './http/oem-raw-body.hook';
export { OemConnectorModule } from './oem-connector.module';
export { OemApiModule } from './oem-api.module';
// The command path for the dispatcher (H-DISP-FOLLOW).
export { SendOemCommandUseCase } from './application/send-oem-command.use-case';
export { OemCommandsModule } from './oem-commands.module';
