export * from './test-database';
export * from './child-process-env';
export * from './scratch-database';
export * from './eventually';
export * from './free-port';
export * from './http-test-app';
export * from './seed-organisation';
