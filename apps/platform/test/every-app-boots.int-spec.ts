import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@vpp/config';
import { createHttpApp } from '@vpp/observability';
import { ApiModule } from '../../api/src/api.module';
import { ConnectorModule } from '../../connector/src/connector.module';
import { DispatcherModule } from '../../dispatcher/src/dispatcher.module';
import { PlannerModule } from '../../planner/src/planner.module';
import { SettlementModule } from '../../settlement/src/settlement.module';
import { SimulatorModule } from '../../simulator/src/simulator.module';
import { PlatformModule } from '../src/platform.module';

const APPS: [string, Type<unknown>][] = [
  ['api', ApiModule],
  ['connector', ConnectorModule],
  ['planner', PlannerModule],
  ['dispatcher', DispatcherModule],
  ['settlement', SettlementModule],
  ['simulator', SimulatorModule],
  ['platform', PlatformModule],
];

describe('every app module', () => {
  it.each(APPS)('%s boots, is healthy, exposes metrics and closes cleanly', async (appName, rootModule) => {
    const moduleRef = await Test.createTestingModule({ imports: [rootModule] }).compile();
    const app: NestFastifyApplication = await createHttpApp(moduleRef, { appName, config: loadConfig() });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const baseUrl = await app.getUrl();

      const live = await fetch(`${baseUrl}/health/live`);
      expect(live.status).toBe(200);

      const health = await fetch(`${baseUrl}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });

      const metrics = await fetch(`${baseUrl}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await metrics.text();
      expect(text).toMatch(/http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
      expect(text).toContain('process_cpu_seconds_total');
    } finally {
      await expect(app.close()).resolves.toBeUndefined();
    }
  });
});
