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
    maintenanceCheckSeconds: number;
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
    pullIntervalSeconds: number;
  };
  /** UFTP (Shapeshifter 3.0) towards DSOs (libs/congestion). `offerPriceEurPerMwh` is ASSUMED, a decimal string. */
  readonly uftp: {
    agrDomain: string;
    keyEncryptionKey: string;
    requestTimeoutMs: number;
    retryBaseMs: number;
    retryHorizonMinutes: number;
    offerPriceEurPerMwh: string;
    offerValidityMinutes: number;
  };
  /** Market products and calendar (libs/markets/README.md); `unverified` overrides seeded UNVERIFIED rules when set. */
  readonly markets: {
    gateSafetyMarginMinutes: number;
    gateRetryRoundSeconds: number;
    calendarHorizonDays: number;
    /** Cron pattern in Europe/Amsterdam, or null when the calendar job scheduler is off. */
    calendarSchedule: string | null;
    unverified: {
      fcrGateClosure: string | undefined;
      fcrGateClosureZone: 'Europe/Amsterdam' | 'UTC' | undefined;
      fcrQuantityStepMw: string | undefined;
      fcrLerMinutes: number | undefined;
      afrrCapacityGateClosure: string | undefined;
      afrrEnergyGateClosure: string | undefined;
    };
  };
  /** The planner's plan job (libs/flexibility planning); capacity prices and degradation are ASSUMED defaults. */
  readonly planning: {
    /** Cron pattern in Europe/Amsterdam, or null when the daily plan scheduler is off. */
    schedule: string | null;
    reserveConfidence: number;
    /** Absolute or relative to `dataDir`. */
    dayAheadPriceFiles: string[];
    capacityPricesEurPerMwH: { fcr: string; afrrUp: string; afrrDown: string };
    degradationEurPerKwh: number;
  };
  /** The dispatcher's real-time loop (libs/dispatch/README.md); `tsoWsPort` undefined = no WebSocket feed server. */
  readonly dispatch: {
    loopEnabled: boolean;
    cycleMs: number;
    fcrEvalMs: number;
    leaseTtlMs: number;
    standbyPollMs: number;
    staleSetpointS: number;
    sessionRefreshS: number;
    partyCommandsPerS: number;
    partyBurst: number;
    tsoWsPort: number | undefined;
    instanceId: string | undefined;
    silentFeedS: number;
  };
  /** Market gateways and the simulated counterparties (libs/markets/README.md, "Gateways"); `sim.fcrPrices` are ASSUMED. */
  readonly gateways: {
    tsoUrl: string;
    exchangeUrl: string;
    tradingPlatformUrl: string;
    requestTimeoutMs: number;
    requestAttempts: number;
    resultsDelayMinutes: number;
    sim: {
      tsoPort: number | undefined;
      exchangePort: number | undefined;
      tradingPlatformPort: number | undefined;
      /** EUR/MW/h per local block index 0..5, decimal strings; ASSUMED. */
      fcrPricesEurPerMwH: string[];
      portfolioMw: string;
    };
  };
  /** Settlement pipeline (libs/settlement/README.md, "Pipeline"); `checkSeconds` 0 turns the scheduler off. */
  readonly settlement: { graceMinutes: number; checkSeconds: number; priceRetrySeconds: number; restateLookbackDays: number };
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
  /** The simulated TSO feed; undefined unless SIMULATOR_TSO_FEED_URL, _FEED_KEY and _PORTFOLIO_ID are set. */
  readonly tso: { feedUrl: string; feedKey: string; portfolioId: string; speedup: number; afrrCapacityMw: number; sendFrequency: boolean; frequencyFile: string } | undefined;
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
      maintenanceCheckSeconds: env.TELEMETRY_MAINTENANCE_CHECK_SECONDS,
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
      pullIntervalSeconds: env.OCPI_PULL_INTERVAL_SECONDS,
    },
    uftp: {
      agrDomain: env.UFTP_AGR_DOMAIN,
      keyEncryptionKey: env.UFTP_KEY_ENCRYPTION_KEY,
      requestTimeoutMs: env.UFTP_REQUEST_TIMEOUT_MS,
      retryBaseMs: env.UFTP_RETRY_BASE_MS,
      retryHorizonMinutes: env.UFTP_RETRY_HORIZON_MINUTES,
      offerPriceEurPerMwh: env.UFTP_OFFER_PRICE_EUR_PER_MWH,
      offerValidityMinutes: env.UFTP_OFFER_VALIDITY_MINUTES,
    },
    markets: {
      gateSafetyMarginMinutes: env.MARKETS_GATE_SAFETY_MARGIN_MINUTES,
      gateRetryRoundSeconds: env.MARKETS_GATE_RETRY_ROUND_SECONDS,
      calendarHorizonDays: env.MARKETS_CALENDAR_HORIZON_DAYS,
      calendarSchedule: marketsCalendarSchedule(env),
      unverified: {
        fcrGateClosure: env.MARKETS_FCR_GATE_CLOSURE,
        fcrGateClosureZone: env.MARKETS_FCR_GATE_CLOSURE_ZONE,
        fcrQuantityStepMw: env.MARKETS_FCR_QUANTITY_STEP_MW,
        fcrLerMinutes: env.MARKETS_FCR_LER_MINUTES,
        afrrCapacityGateClosure: env.MARKETS_AFRR_CAPACITY_GATE_CLOSURE,
        afrrEnergyGateClosure: env.MARKETS_AFRR_ENERGY_GATE_CLOSURE,
      },
    },
    planning: {
      schedule: planningSchedule(env),
      reserveConfidence: env.PLANNING_RESERVE_CONFIDENCE,
      dayAheadPriceFiles: env.PLANNING_DAY_AHEAD_PRICE_FILES.split(',').map((file) => file.trim()).filter((file) => file.length > 0),
      capacityPricesEurPerMwH: capacityPrices(env.PLANNING_CAPACITY_PRICES_EUR_PER_MW_H),
      degradationEurPerKwh: env.PLANNING_DEGRADATION_EUR_PER_KWH,
    },
    settlement: {
      graceMinutes: env.SETTLEMENT_GRACE_MINUTES,
      checkSeconds: env.SETTLEMENT_CHECK_SECONDS,
      priceRetrySeconds: env.SETTLEMENT_PRICE_RETRY_SECONDS,
      restateLookbackDays: env.SETTLEMENT_RESTATE_LOOKBACK_DAYS,
    },
    gateways: {
      tsoUrl: env.GATEWAYS_TSO_URL,
      exchangeUrl: env.GATEWAYS_EXCHANGE_URL,
      tradingPlatformUrl: env.GATEWAYS_TRADING_PLATFORM_URL,
      requestTimeoutMs: env.GATEWAYS_REQUEST_TIMEOUT_MS,
      requestAttempts: env.GATEWAYS_REQUEST_ATTEMPTS,
      resultsDelayMinutes: env.GATEWAYS_RESULTS_DELAY_MINUTES,
      sim: {
        tsoPort: env.GATEWAYS_SIM_TSO_PORT,
        exchangePort: env.GATEWAYS_SIM_EXCHANGE_PORT,
        tradingPlatformPort: env.GATEWAYS_SIM_TRADING_PLATFORM_PORT,
        fcrPricesEurPerMwH: env.GATEWAYS_SIM_FCR_PRICES_EUR_PER_MW_H.split(','),
        portfolioMw: env.GATEWAYS_SIM_PORTFOLIO_MW,
      },
    },
    dispatch: {
      loopEnabled: env.DISPATCH_LOOP_ENABLED,
      cycleMs: env.DISPATCH_CYCLE_MS,
      fcrEvalMs: env.DISPATCH_FCR_EVAL_MS,
      leaseTtlMs: env.DISPATCH_LEASE_TTL_MS,
      standbyPollMs: env.DISPATCH_STANDBY_POLL_MS,
      staleSetpointS: env.DISPATCH_STALE_SETPOINT_S,
      sessionRefreshS: env.DISPATCH_SESSION_REFRESH_S,
      partyCommandsPerS: env.DISPATCH_PARTY_COMMANDS_PER_S,
      partyBurst: env.DISPATCH_PARTY_BURST,
      tsoWsPort: env.DISPATCH_TSO_WS_PORT,
      instanceId: env.DISPATCH_INSTANCE_ID,
      silentFeedS: env.DISPATCH_SILENT_FEED_S,
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
      tso:
        env.SIMULATOR_TSO_FEED_URL !== undefined && env.SIMULATOR_TSO_FEED_KEY !== undefined && env.SIMULATOR_TSO_PORTFOLIO_ID !== undefined
          ? {
              feedUrl: env.SIMULATOR_TSO_FEED_URL, feedKey: env.SIMULATOR_TSO_FEED_KEY, portfolioId: env.SIMULATOR_TSO_PORTFOLIO_ID,
              speedup: env.SIMULATOR_TSO_SPEEDUP, afrrCapacityMw: env.SIMULATOR_TSO_AFRR_CAPACITY_MW, sendFrequency: env.SIMULATOR_TSO_SEND_FREQUENCY,
              frequencyFile: env.SIMULATOR_TSO_FREQUENCY_FILE,
            }
          : undefined,
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
  const tsoSet = [env.SIMULATOR_TSO_FEED_URL, env.SIMULATOR_TSO_FEED_KEY, env.SIMULATOR_TSO_PORTFOLIO_ID].filter((v) => v !== undefined).length;
  if (tsoSet !== 0 && tsoSet !== 3) problems.push('SIMULATOR_TSO_FEED_URL, SIMULATOR_TSO_FEED_KEY, SIMULATOR_TSO_PORTFOLIO_ID: set all three or none');
  if ((env.SIMULATOR_OCPP_FLEET_ID === undefined) !== (env.SIMULATOR_OCPP_SITE_ID === undefined)) {
    problems.push('SIMULATOR_OCPP_FLEET_ID, SIMULATOR_OCPP_SITE_ID: set both or neither');
  }
  return problems;
}

/** Hourly by default; off under test so booting an app in a test plans no gates. */
function marketsCalendarSchedule(env: Env): string | null {
  const schedule = env.MARKETS_CALENDAR_SCHEDULE ?? (env.NODE_ENV === 'test' ? 'off' : '0 * * * *');
  return schedule === 'off' ? null : schedule;
}

/** D-1 07:00 local by default (before the first gate); off under test. */
function planningSchedule(env: Env): string | null {
  const schedule = env.PLANNING_SCHEDULE ?? (env.NODE_ENV === 'test' ? 'off' : '0 7 * * *');
  return schedule === 'off' ? null : schedule;
}

function capacityPrices(text: string): { fcr: string; afrrUp: string; afrrDown: string } {
  const [fcr, afrrUp, afrrDown] = text.split(',');
  return { fcr, afrrUp, afrrDown };
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
