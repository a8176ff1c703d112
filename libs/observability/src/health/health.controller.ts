import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ProblemException } from '../http/problem.exception';
import { RedisHealthIndicator } from './redis.health-indicator';

// Shorter than a load balancer's probe timeout, so we answer 503 rather than not at all.
const CHECK_TIMEOUT_MS = 1_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Readiness: 200 when PostgreSQL and Redis answer, else 503 problem+json naming what is down. */
  @Get()
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.postgres.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS }),
        () => this.redis.pingCheck('redis', CHECK_TIMEOUT_MS),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw new ProblemException(503, 'HEALTH_CHECK_FAILED', 'Service Unavailable', `down: ${down.join(', ')}`, {
        down,
        checks: result.details,
      });
    }
  }

  /** Liveness: the process answers; no dependencies, so a database outage does not restart pods. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
