import pino, { Logger as Pino } from 'pino';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print query parameters on errors, and parameters can hold password
 * hashes, API-key hashes or personal data. This one logs the failing SQL and the error as a
 * JSON line, never the parameters.
 */
export class ParameterFreeQueryLogger implements TypeOrmLogger {
  private readonly logger: Pino;

  constructor(level: string) {
    this.logger = pino({ name: 'typeorm', level });
  }

  logQuery(): void {
    // Successful queries are not logged: too many on hot paths, and parameters stay private.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error instanceof Error ? { message: error.message, code: (error as { code?: string }).code } : error, query }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
