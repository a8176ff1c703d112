export * from './data-source';
export * from './decimal.transformer';
export * from './ensure-database';
export * from './entity-registry';
export * from './schema-drift';
export * from './snake-naming.strategy';
export * from './query-logger';
export * from './migrate-database';
