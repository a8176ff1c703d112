export * from './default-job-options';
export * from './job-catalog';
export * from './job-definition';
export * from './job-envelope';
export * from './job-id';
export * from './platform.jobs';
export * from './queue-name';
