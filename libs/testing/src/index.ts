export * from './test-database';
export * from './child-process-env';
