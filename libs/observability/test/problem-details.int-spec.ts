import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { loadConfig } from '@vpp/config';
import { createHttpApp, MetricsModule, PROBLEM_CONTENT_TYPE, registerErrorStatus } from '@vpp/observability';

class CreateWidgetRequestDto {
  @IsString()
  @Length(1, 20)
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class WidgetQuotaExceededError extends Error {
  readonly code = 'WIDGET_QUOTA_EXCEEDED';
}

registerErrorStatus('WIDGET_QUOTA_EXCEEDED', 422);

@Controller('widgets')
class WidgetsController {
  @Post()
  create(@Body() body: CreateWidgetRequestDto): { name: string; quantity: number } {
    return { name: body.name, quantity: body.quantity };
  }

  @Post('quota')
  overQuota(): never {
    throw new WidgetQuotaExceededError('at most 3 widgets per organisation');
  }

  @Get('bug')
  bug(): never {
    throw new TypeError('secret internals at /srv/app.ts:12');
  }

  @Get('database-gone')
  databaseGone(): never {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }
}

@Module({ imports: [MetricsModule], controllers: [WidgetsController] })
class WidgetsTestModule {}

const BODY_LIMIT_BYTES = 2048;

describe('problem+json errors (createHttpApp)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WidgetsTestModule] }).compile();
    const config = loadConfig({ HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });
    app = await createHttpApp(moduleRef, { appName: 'problem-test', config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  async function problemOf(response: Response): Promise<Record<string, unknown>> {
    expect(response.headers.get('content-type')).toMatch(new RegExp(`^${PROBLEM_CONTENT_TYPE.replace('+', '\\+')}`));
    return (await response.json()) as Record<string, unknown>;
  }

  function post(path: string, body: string, contentType = 'application/json'): Promise<Response> {
    return fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  }

  it('answers a valid request normally', async () => {
    const response = await post('/widgets', JSON.stringify({ name: 'w', quantity: 2 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: 'w', quantity: 2 });
  });

  it('404 ROUTE_NOT_FOUND for an unknown route, echoing the caller correlation id', async () => {
    const response = await fetch(`${baseUrl}/no/such/route`, { headers: { 'x-correlation-id': 'caller-trace-1' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-correlation-id')).toBe('caller-trace-1');
    expect(await problemOf(response)).toMatchObject({
      type: expect.stringContaining('route-not-found'),
      title: 'Not Found',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      instance: '/no/such/route',
      correlationId: 'caller-trace-1',
    });
  });

  it('replaces a malformed correlation id with a fresh one', async () => {
    const response = await fetch(`${baseUrl}/no/such/route`, { headers: { 'x-correlation-id': 'bad id with spaces' } });
    const generated = response.headers.get('x-correlation-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect((await problemOf(response)).correlationId).toBe(generated);
  });

  it('400 MALFORMED_JSON for broken JSON', async () => {
    const response = await post('/widgets', '{"name": "w", ');
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });

  it('413 PAYLOAD_TOO_LARGE above the configured body limit', async () => {
    const response = await post('/widgets', JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES), quantity: 1 }));
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const response = await post('/widgets', '<widget/>', 'application/xml');
    expect(response.status).toBe(415);
    expect(await problemOf(response)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('400 VALIDATION_FAILED listing every bad and unknown field', async () => {
    const response = await post('/widgets', JSON.stringify({ name: '', quantity: 'two', colour: 'red' }));
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const fields = (problem.errors as { field: string; messages: string[] }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['colour', 'name', 'quantity']);
  });

  it('maps a registered domain error code to its status', async () => {
    const response = await post('/widgets/quota', '{}');
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({ code: 'WIDGET_QUOTA_EXCEEDED', detail: 'at most 3 widgets per organisation' });
  });

  it('503 SERVICE_UNAVAILABLE when a dependency refuses connections', async () => {
    const response = await fetch(`${baseUrl}/widgets/database-gone`);
    expect(response.status).toBe(503);
    expect(await problemOf(response)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('500 INTERNAL_ERROR without the message or stack of a bug', async () => {
    const response = await fetch(`${baseUrl}/widgets/bug`);
    expect(response.status).toBe(500);
    const text = JSON.stringify(await problemOf(response));
    expect(text).toContain('INTERNAL_ERROR');
    expect(text).not.toMatch(/secret internals|app\.ts|TypeError/);
  });

  it('counts requests by route template in /metrics', async () => {
    await post('/widgets', JSON.stringify({ name: 'm', quantity: 1 }));
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/widgets",status="201"\} \d+/);
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="<unmatched>",status="404"\} \d+/);
    expect(metrics).toContain('http_request_duration_seconds_bucket');
  });
});
