// Public API of @vpp/mobility.
export * from './domain/mobility-needs';
export * from './domain/mobility.errors';
export * from './domain/effective-needs';
export { MOBILITY_ENTITIES } from './infrastructure/mobility.entities';
export { MobilityNeedsEntity } from './infrastructure/mobility-needs.entity';
export { MobilityNeedsQueries } from './application/mobility-needs.queries';
export { effectiveNeedsForSession, effectiveNeedsOfRow, NEEDS_OVERRIDE_COLUMNS, NEEDS_OVERRIDE_JOINS } from './application/effective-needs.query';
export type { NeedsOverrideColumns } from './application/effective-needs.query';
export { MOBILITY_CLOCK } from './application/mobility-clock';
export type { MobilityClock } from './application/mobility-clock';
export { SetMobilityNeedsUseCase } from './application/set-mobility-needs.use-case';
export type { SetMobilityNeedsCommand } from './application/set-mobility-needs.use-case';
export { MobilityModule } from './mobility.module';
