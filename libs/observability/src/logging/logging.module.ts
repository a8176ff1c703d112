import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule, Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { CorrelationContext } from '../correlation/correlation-context';

// Credentials never reach the logs, whichever logger child printed the request.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
];

// Scrapes and liveness probes every few seconds would drown the request log.
const QUIET_PATHS = new Set(['/metrics', '/health/live']);

function correlationMixin(): Record<string, string> {
  const correlationId = CorrelationContext.currentId();
  return correlationId === undefined ? {} : { correlationId };
}

function levelFor(_req: IncomingMessage, res: ServerResponse, error?: Error): 'error' | 'warn' | 'info' {
  if (error || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

// pino-http invents an Error with a stack for every 5xx; the filter already logged the real cause,
// so the access line keeps only status and timing.
function withoutSyntheticError(_req: IncomingMessage, res: ServerResponse, error: Error, line: Record<string, unknown>): Record<string, unknown> {
  if (error.message !== `failed with status code ${res.statusCode}`) return line;
  const { err: _synthetic, ...rest } = line;
  return rest;
}

/** pino options for an app; exported so scripts and workers without HTTP log the same way. */
export function loggerParams(appName: string, config: AppConfig, destination?: DestinationStream): Params {
  const options: PinoHttpOptions = {
    level: config.log.level,
    base: { app: appName },
    mixin: correlationMixin,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Fastify already chose the correlation id as request id (see createHttpApp).
    genReqId: (req) => req.id ?? CorrelationContext.currentId() ?? CorrelationContext.newCorrelationId(),
    customLogLevel: levelFor,
    customErrorObject: withoutSyntheticError,
    customErrorMessage: () => 'request failed',
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0] ?? '') },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}

/**
 * JSON logs through nestjs-pino: level from AppConfig, the app name and the current correlation
 * id on every line, the class name as `context` (use `new Logger(MyClass.name)`), credentials
 * redacted. Needs the global ConfigModule.
 */
@Module({})
export class LoggingModule {
  /** `destination` defaults to stdout; tests pass a stream to read the lines back. */
  static forApp(appName: string, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): Params => loggerParams(appName, config, destination),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
