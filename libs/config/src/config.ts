import { Env, envSchema } from './env.schema';

export interface AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly database: { url: string; poolSize: number; connectTimeoutMs: number };
  readonly redis: { url: string; queuePrefix: string };
  readonly http: { host: string; port: number | undefined; bodyLimitBytes: number };
  readonly log: { level: Env['LOG_LEVEL'] };
  readonly auth: { jwtSecret: string; jwtTtlSeconds: number; apiKeyDefaultTtlDays: number; rateLimitPerMinute: number };
  readonly outbox: { pollIntervalMs: number };
  readonly shutdownTimeoutMs: number;
  readonly dataDir: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the whole environment at once, so every bad variable is listed, not just the first. */
export function parseConfig(source: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = result.data;
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === envSchema.shape.JWT_SECRET.parse(undefined)) {
    throw new ConfigError(['JWT_SECRET: the development default must not be used in production']);
  }
  return {
    nodeEnv: env.NODE_ENV,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS },
    redis: { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX },
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT, bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES },
    log: { level: env.LOG_LEVEL },
    auth: {
      jwtSecret: env.JWT_SECRET,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      apiKeyDefaultTtlDays: env.API_KEY_DEFAULT_TTL_DAYS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    },
    outbox: { pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    dataDir: env.DATA_DIR,
  };
}

let cached: AppConfig | undefined;

/** The one place that reads process.env. Tests override single values with `loadConfig({ ...overrides })`. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  if (Object.keys(overrides).length > 0) return parseConfig({ ...process.env, ...overrides });
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * For processes (apps, CLIs): print every problem and exit non-zero instead of a stack trace.
 * `defaults` apply only where the environment says nothing (e.g. the demo keeps logs at warn so
 * its report stays readable); the result becomes the config every module of the process sees.
 */
export function loadConfigOrExit(defaults: Record<string, string> = {}): AppConfig {
  try {
    if (Object.keys(defaults).length > 0) cached = parseConfig({ ...defaults, ...process.env });
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
