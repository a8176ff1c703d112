export * from './access.errors';
export * from './api-key';
export * from './audit-chain';
export * from './delegation';
export * from './organisation-kind';
export * from './principal';
export * from './secret-hash';
export * from './tenant-scope';
