export * from './config';
export * from './config.module';
export { envSchema } from './env.schema';
export type { OemCloudConfig } from './env.schema';
