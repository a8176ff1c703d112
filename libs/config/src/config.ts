import { Env, envSchema, OemCloudConfig } from './env.schema';

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
  /** Part A: fleet model (libs/fleet). `staleCheckIntervalSeconds` 0 turns the periodic stale check off. */
  readonly fleet: { staleSessionMinutes: number; staleCheckIntervalSeconds: number };
  /** Part C: the OCPP CSMS for depots (libs/ocpp/README.md); `port` undefined = the app's HTTP port. */
  readonly ocpp: { port: number | undefined; heartbeatIntervalS: number; callTimeoutMs: number; pingIntervalMs: number };
  /** Part E: keyed hashing of driver and token identifiers (libs/privacy). */
  readonly privacy: { hmacSecret: string };
  /** Part E: OEM clouds behind the generic REST/webhook adapter (libs/oem). */
  readonly oem: {
    clouds: readonly OemCloudConfig[];
    pollingEnabled: boolean;
    webhookToleranceSeconds: number;
    simulator: { port: number | undefined; cloud: string; webhookUrl: string; vehicles: number };
  };
  /** Part D: telemetry ingest and retention (libs/telemetry/README.md). */
  readonly telemetry: {
    retentionMonths: number;
    clockSkewSeconds: number;
    powerLimitMarginPct: number;
    neighbourWindowHours: number;
    partitionsAheadDays: number;
  };
  /** Part B: OCPI 2.2.1 towards CPOs (libs/ocpi). `publicBaseUrl` undefined = the incoming request's URL. */
  readonly ocpi: {
    publicBaseUrl: string | undefined;
    tokenEncryptionKey: string;
    commandTimeoutSeconds: number;
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    countryCode: string;
    partyId: string;
    businessName: string;
  };
  /** The simulator app's OCPI CPOs and OCPP stations (apps/simulator/README.md). */
  readonly simulator: SimulatorConfig;
}

export interface SimulatorConfig {
  readonly connectorUrl: string;
  readonly apiUrl: string;
  /** An operator admin key: issues token A per CPO and registers the stations. */
  readonly apiKey: string | undefined;
  /** Relative to `dataDir`: the ElaadNL-layout sessions both kinds of counterparty replay. */
  readonly sessionsFile: string;
  readonly cpo: {
    count: number;
    countryCode: string;
    /** Undefined: fresh random party ids on each start. */
    partyIds: readonly string[] | undefined;
    /** One per CPO when given; otherwise issued through the api. */
    tokensA: readonly string[] | undefined;
    sessions: number;
    commandLatencyMs: number;
    ignorePercent: number;
  };
  readonly ocpp: {
    stations: number;
    stationPrefix: string;
    password: string;
    fleetId: string | undefined;
    siteId: string | undefined;
    bidirectionalEvery: number;
    speedup: number;
    meterIntervalS: number;
  };
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
  if (env.NODE_ENV === 'production' && env.PRIVACY_HMAC_SECRET === envSchema.shape.PRIVACY_HMAC_SECRET.parse(undefined)) {
    throw new ConfigError(['PRIVACY_HMAC_SECRET: the development default must not be used in production']);
  }
  const simulatorProblems = simulatorConfigProblems(env);
  if (simulatorProblems.length > 0) throw new ConfigError(simulatorProblems);
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
    fleet: { staleSessionMinutes: env.FLEET_STALE_SESSION_MINUTES, staleCheckIntervalSeconds: env.FLEET_STALE_CHECK_INTERVAL_SECONDS },
    ocpp: {
      port: env.OCPP_PORT,
      heartbeatIntervalS: env.OCPP_HEARTBEAT_INTERVAL_S,
      callTimeoutMs: env.OCPP_CALL_TIMEOUT_MS,
      pingIntervalMs: env.OCPP_PING_INTERVAL_MS,
    },
    privacy: { hmacSecret: env.PRIVACY_HMAC_SECRET },
    oem: {
      clouds: env.OEM_CLOUDS,
      pollingEnabled: env.OEM_POLLING_ENABLED === 'true',
      webhookToleranceSeconds: env.OEM_WEBHOOK_TOLERANCE_SECONDS,
      simulator: { port: env.OEM_SIMULATOR_PORT, cloud: env.OEM_SIMULATOR_CLOUD, webhookUrl: env.OEM_SIMULATOR_WEBHOOK_URL, vehicles: env.OEM_SIMULATOR_VEHICLES },
    },
    telemetry: {
      retentionMonths: env.TELEMETRY_RETENTION_MONTHS,
      clockSkewSeconds: env.TELEMETRY_CLOCK_SKEW_SECONDS,
      powerLimitMarginPct: env.TELEMETRY_POWER_LIMIT_MARGIN_PCT,
      neighbourWindowHours: env.TELEMETRY_NEIGHBOUR_WINDOW_HOURS,
      partitionsAheadDays: env.TELEMETRY_PARTITIONS_AHEAD_DAYS,
    },
    ocpi: {
      publicBaseUrl: env.OCPI_PUBLIC_BASE_URL,
      tokenEncryptionKey: env.OCPI_TOKEN_ENCRYPTION_KEY,
      commandTimeoutSeconds: env.OCPI_COMMAND_TIMEOUT_SECONDS,
      bodyLimitBytes: env.OCPI_BODY_LIMIT_BYTES,
      requestTimeoutMs: env.OCPI_REQUEST_TIMEOUT_MS,
      countryCode: env.OCPI_COUNTRY_CODE,
      partyId: env.OCPI_PARTY_ID,
      businessName: env.OCPI_BUSINESS_NAME,
    },
    simulator: {
      connectorUrl: env.SIMULATOR_CONNECTOR_URL.replace(/\/+$/, ''),
      apiUrl: env.SIMULATOR_API_URL.replace(/\/+$/, ''),
      apiKey: env.SIMULATOR_API_KEY,
      sessionsFile: env.SIMULATOR_SESSIONS_FILE,
      cpo: {
        count: env.SIMULATOR_CPOS,
        countryCode: env.SIMULATOR_CPO_COUNTRY_CODE,
        partyIds: env.SIMULATOR_CPO_PARTY_IDS?.split(','),
        tokensA: env.SIMULATOR_CPO_TOKENS_A?.split(','),
        sessions: env.SIMULATOR_CPO_SESSIONS,
        commandLatencyMs: env.SIMULATOR_CPO_COMMAND_LATENCY_MS,
        ignorePercent: env.SIMULATOR_CPO_IGNORE_PERCENT,
      },
      ocpp: {
        stations: env.SIMULATOR_OCPP_STATIONS,
        stationPrefix: env.SIMULATOR_OCPP_STATION_PREFIX,
        password: env.SIMULATOR_OCPP_PASSWORD,
        fleetId: env.SIMULATOR_OCPP_FLEET_ID,
        siteId: env.SIMULATOR_OCPP_SITE_ID,
        bidirectionalEvery: env.SIMULATOR_OCPP_BIDIRECTIONAL_EVERY,
        speedup: env.SIMULATOR_OCPP_SPEEDUP,
        meterIntervalS: env.SIMULATOR_OCPP_METER_INTERVAL_S,
      },
    },
  };
}

/** Cross-variable checks of the simulator's settings: lists must have one entry per CPO. */
function simulatorConfigProblems(env: Env): string[] {
  const problems: string[] = [];
  const count = env.SIMULATOR_CPOS;
  const partyIds = env.SIMULATOR_CPO_PARTY_IDS?.split(',');
  if (partyIds && partyIds.length !== count) problems.push(`SIMULATOR_CPO_PARTY_IDS: must list ${count} party ids (SIMULATOR_CPOS), not ${partyIds.length}`);
  if (partyIds && new Set(partyIds).size !== partyIds.length) problems.push('SIMULATOR_CPO_PARTY_IDS: must not repeat a party id');
  const tokens = env.SIMULATOR_CPO_TOKENS_A?.split(',');
  if (tokens && tokens.length !== count) problems.push(`SIMULATOR_CPO_TOKENS_A: must list ${count} tokens (SIMULATOR_CPOS), not ${tokens.length}`);
  if (tokens && !partyIds) problems.push('SIMULATOR_CPO_PARTY_IDS: required with SIMULATOR_CPO_TOKENS_A (each token A was issued for one party)');
  if ((env.SIMULATOR_OCPP_FLEET_ID === undefined) !== (env.SIMULATOR_OCPP_SITE_ID === undefined)) {
    problems.push('SIMULATOR_OCPP_FLEET_ID, SIMULATOR_OCPP_SITE_ID: set both or neither');
  }
  return problems;
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
