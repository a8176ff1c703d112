import { loadConfig } from '@vpp/config';

/**
 * The environment for a child process started by a test: the real one plus the test's own
 * settings (jest's sandboxed process.env does not reach children by itself).
 */
export function childProcessEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const config = loadConfig();
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: config.database.url,
    REDIS_URL: config.redis.url,
    QUEUE_PREFIX: config.redis.queuePrefix,
    LOG_LEVEL: config.log.level,
    ...overrides,
  };
}
