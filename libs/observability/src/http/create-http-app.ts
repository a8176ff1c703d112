import type { IncomingMessage } from 'node:http';
import { DynamicModule, INestApplication, Logger, NestApplicationOptions, Type } from '@nestjs/common';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { AppConfig } from '@vpp/config';
import { CORRELATION_HEADER, CorrelationContext } from '../correlation/correlation-context';
import { observeHttpRequest } from '../metrics/metrics.registry';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation.pipe';

export interface HttpAppOptions {
  /** Shows in logs (`app`) and the OpenAPI title. */
  appName: string;
  config: AppConfig;
  /** Serve OpenAPI at /docs (UI) and /docs-json. */
  openApi?: boolean;
}

/** A compiled `TestingModule` fits here, so e2e tests get exactly the production HTTP setup. */
export interface NestAppFactory {
  createNestApplication<T extends INestApplication = INestApplication>(adapter: AbstractHttpAdapter, options?: NestApplicationOptions): T;
}

function createAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // The request id IS the correlation id: the caller's when well-formed, else a new UUID.
    genReqId: (raw: IncomingMessage) => CorrelationContext.fromHeader(raw.headers[CORRELATION_HEADER]),
    requestIdHeader: false,
    logger: false,
  });
  const fastify = adapter.getInstance();
  // Everything after this hook runs inside the context; Fastify binds body parsing to the request's
  // async resource, so the id survives bodies that arrive over several socket reads (tested).
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    CorrelationContext.run(request.id, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    observeHttpRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  return adapter;
}

function useLogger(app: NestFastifyApplication, config: AppConfig): void {
  try {
    app.useLogger(app.get(PinoNestLogger, { strict: false }));
  } catch {
    // Root modules without LoggingModule (narrow e2e tests) keep Nest's console logger.
    app.useLogger(config.log.level === 'silent' ? false : new Logger());
  }
  app.flushLogs();
}

function setUpOpenApi(app: NestFastifyApplication, appName: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`EV VPP ${appName} API`)
      .setDescription('Errors are RFC 9457 problem+json with a stable `code`. Decimal quantities travel as strings.')
      .setVersion('v1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Builds (but does not start) an HTTP app the one way all apps and e2e tests share: Fastify with
 * the configured body limit, correlation ids, HTTP metrics, problem+json errors, a strict global
 * ValidationPipe, pino logging and optional OpenAPI. Call `app.listen` or `listenHttpApp` next.
 */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule | NestAppFactory,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = createAdapter(options.config);
  const appOptions: NestApplicationOptions = { bufferLogs: true };
  const app =
    'createNestApplication' in rootModule
      ? rootModule.createNestApplication<NestFastifyApplication>(adapter, appOptions)
      : await NestFactory.create<NestFastifyApplication>(rootModule, adapter, appOptions);
  useLogger(app, options.config);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  if (options.openApi) setUpOpenApi(app, options.appName);
  await app.init();
  return app;
}
