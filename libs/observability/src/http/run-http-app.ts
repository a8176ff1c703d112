import { DynamicModule, Logger, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@vpp/config';
import { createHttpApp, HttpAppOptions } from './create-http-app';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** Listens on `config.http.port` (0 = random) or the app's default port; returns the base URL. */
export async function listenHttpApp(app: NestFastifyApplication, config: AppConfig, defaultPort: number): Promise<string> {
  await app.listen({ port: config.http.port ?? defaultPort, host: config.http.host });
  const url = await app.getUrl();
  new Logger('Bootstrap').log(`listening on ${url}`);
  return url;
}

export interface ClosableApp {
  close(): Promise<void>;
}

/**
 * The handler behind `exitOnSignals`: closes the app once (later signals are ignored) and exits 0,
 * or 1 when closing fails or takes longer than `timeoutMs`.
 */
export function createShutdownHandler(app: ClosableApp, timeoutMs: number, exit: (code: number) => void): (signal: string) => void {
  const logger = new Logger('Shutdown');
  let closing = false;
  return (signal) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received, closing (timeout ${timeoutMs} ms)`);
    const timer = setTimeout(() => {
      logger.error(`shutdown did not finish within ${timeoutMs} ms`);
      exit(1);
    }, timeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        logger.log('closed cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
}

/**
 * SIGTERM/SIGINT close the app (HTTP first, then workers, Redis clients and the DB pool through
 * Nest's shutdown hooks) and exit 0; a close that takes longer than `shutdownTimeoutMs` exits 1.
 * Nest's own `enableShutdownHooks()` is deliberately not used: it re-raises the signal after
 * closing, so the process would end by signal instead of with exit code 0.
 */
export function exitOnSignals(app: ClosableApp, config: AppConfig): void {
  const handler = createShutdownHandler(app, config.shutdownTimeoutMs, (code) => process.exit(code));
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, handler);
}

export interface RunHttpAppOptions extends HttpAppOptions {
  defaultPort: number;
}

/** Everything a `main.ts` does: build, listen, and close cleanly on SIGTERM/SIGINT. */
export async function runHttpApp(rootModule: Type<unknown> | DynamicModule, options: RunHttpAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(rootModule, options);
  exitOnSignals(app, options.config);
  await listenHttpApp(app, options.config, options.defaultPort);
  return app;
}
