export * from './config';
export * from './config.module';
export * from './platform-clock';
export { envSchema } from './env.schema';
export type { OemCloudConfig } from './env.schema';
