import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessModule } from '@vpp/access';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@vpp/config';
import { createHttpApp } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { SettlementPipelineModule, SettlementReportsApiModule } from '@vpp/settlement';

/**
 * The settlement pipeline and its HTTP APIs (reports, contracts, prices) over a scratch database,
 * listening on a loopback port: what the settlement API specs call over HTTP with API keys.
 */
export async function startSettlementHttpApp(databaseUrl: string, appName: string): Promise<{ app: NestFastifyApplication; baseUrl: string }> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SETTLEMENT_CHECK_SECONDS: '0' });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => dataSourceOptions(c, { poolSize: 4 }) }),
      AccessModule,
      SettlementPipelineModule,
      SettlementReportsApiModule,
    ],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = await createHttpApp(moduleRef, { appName, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}
