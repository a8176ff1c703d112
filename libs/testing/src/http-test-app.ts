import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { createHttpApp } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';

export type TestModuleImports = NonNullable<ModuleMetadata['imports']>;

export interface HttpTestAppOptions {
  readonly appName: string;
  /** Replaces APP_CONFIG, so the app runs on the test's own database, queue prefix and settings. */
  readonly config: AppConfig;
  /** A port chosen beforehand (when the config must name the app's own URL); any free one by default. */
  readonly port?: number;
  /** Further overrides of the testing module, e.g. fakes of a counterparty. */
  readonly configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/**
 * `imports` (an app module such as PlatformModule, or lib modules after `databaseModules()`)
 * behind the production HTTP setup, listening on 127.0.0.1. The module is a parameter so this
 * lib never imports an app.
 */
export async function startHttpTestApp(imports: TestModuleImports, options: HttpTestAppOptions): Promise<NestFastifyApplication> {
  const configure = options.configure ?? ((builder: TestingModuleBuilder) => builder);
  const moduleRef = await configure(Test.createTestingModule({ imports }).overrideProvider(APP_CONFIG).useValue(options.config)).compile();
  const app = await createHttpApp(moduleRef, { appName: options.appName, config: options.config });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return app;
}

/** `http://127.0.0.1:<port>` of a listening test app. */
export function baseUrlOf(app: NestFastifyApplication): string {
  const address: unknown = app.getHttpServer().address();
  if (address === null || typeof address !== 'object' || !('port' in address)) throw new Error('the app does not listen on a TCP port');
  return `http://127.0.0.1:${String(address.port)}`;
}

/** Config and one TypeORM data source of `poolSize` connections: what lib modules need under them in a test app. */
export function databaseModules(poolSize: number): TestModuleImports {
  return [ConfigModule, TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config, { poolSize }) })];
}
