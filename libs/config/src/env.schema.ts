import { z } from 'zod';

/** One OEM cloud behind the generic REST/webhook adapter (libs/oem). Secrets come from the environment only. */
const oemCloudSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{2,40}$/),
  baseUrl: z.string().url(),
  auth: z.discriminatedUnion('type', [
    z.object({ type: z.literal('bearer'), token: z.string().min(1) }),
    z.object({ type: z.literal('oauth-client-credentials'), tokenUrl: z.string().url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
    z.object({ type: z.literal('api-key'), header: z.string().min(1), key: z.string().min(1) }),
  ]),
  pollIntervalMs: z.number().int().min(100).max(86_400_000).default(60_000),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(60),
  webhookSecret: z.string().min(16),
  requestTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
});

export type OemCloudConfig = z.infer<typeof oemCloudSchema>;

/** A market gate rule as libs/units parses it: `D-1 12:00`, `D 00:00`, `-25m`. */
const GATE_RULE = /^(D([+-][1-9]\d{0,2})? \d{2}:\d{2}|-(0|[1-9]\d{0,5})m)$/;

// Every variable the platform reads, with defaults that work on the developers' and CI machines.
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/vpp'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  // Hash-tagged so every key of one deployment lands in the same Redis Cluster slot (BullMQ needs that).
  QUEUE_PREFIX: z
    .string()
    .regex(/^\{[a-z0-9-]+\}$/, 'must be a Redis Cluster hash tag like {vpp}')
    .default('{vpp}'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-secret-change-me-in-production-0123456789'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  API_KEY_DEFAULT_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DATA_DIR: z.string().default('../shared/data'),
  // Part A, fleet model (libs/fleet): a live session unheard of this long is marked stale, never
  // assumed plugged in forever; the connector checks every interval.
  FLEET_STALE_SESSION_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  FLEET_STALE_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  // Part C, OCPP CSMS (libs/ocpp/README.md). No OCPP_PORT: stations connect to the connector's own
  // HTTP port at /ocpp/<stationId>; with a port, the CSMS listens on it by itself instead.
  OCPP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OCPP_HEARTBEAT_INTERVAL_S: z.coerce.number().int().min(10).max(86_400).default(300),
  OCPP_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  OCPP_PING_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  // Part D, telemetry ingest (libs/telemetry/README.md).
  TELEMETRY_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(13),
  TELEMETRY_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  TELEMETRY_POWER_LIMIT_MARGIN_PCT: z.coerce.number().int().min(0).max(100).default(10),
  TELEMETRY_NEIGHBOUR_WINDOW_HOURS: z.coerce.number().int().min(1).max(24 * 31).default(72),
  TELEMETRY_PARTITIONS_AHEAD_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  // How often each replica offers the day's partition and retention jobs (one per UTC day whatever the replica count); 0 = off.
  TELEMETRY_MAINTENANCE_CHECK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
  // Part E (oem, privacy). The privacy key turns driver and token identifiers into keyed hashes
  // (issue 3 item 7); like JWT_SECRET, its development default is refused in production.
  PRIVACY_HMAC_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-privacy-key-change-me-in-production-0123456789'),
  // OEM clouds as a JSON array (see oemCloudSchema); empty means no OEM adapter is configured.
  OEM_CLOUDS: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON array of OEM cloud configurations' });
        return z.NEVER;
      }
    })
    .pipe(z.array(oemCloudSchema)),
  OEM_POLLING_ENABLED: z.enum(['true', 'false']).default('false'),
  OEM_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  // The simulator app's OEM cloud: started only when a port is set; it takes its client credentials and
  // webhook secret from the OEM_CLOUDS entry it impersonates, so both sides always agree.
  OEM_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OEM_SIMULATOR_CLOUD: z.string().default('sim-oem'),
  OEM_SIMULATOR_WEBHOOK_URL: z.string().url().default('http://127.0.0.1:3001/oem/webhooks/sim-oem'),
  OEM_SIMULATOR_VEHICLES: z.coerce.number().int().min(1).max(10_000).default(20),
  // Part B, OCPI 2.2.1 (libs/ocpi). The public base URL is what CPOs reach us at (versions URL,
  // response_url); empty means "the URL of the incoming request". The encryption key protects the
  // tokens we present to CPOs (AES-256-GCM); like JWT_SECRET, use your own in production.
  OCPI_PUBLIC_BASE_URL: z.string().url().optional(),
  OCPI_TOKEN_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').default('dev-only-ocpi-token-key-change-me-in-production-0123'),
  OCPI_COMMAND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  OCPI_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  // Who we are towards CPOs (credentials.asciidoc CredentialsRole; our role is SCSP).
  OCPI_COUNTRY_CODE: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').default('NL'),
  OCPI_PARTY_ID: z.string().regex(/^[A-Z0-9]{3}$/, 'must be 3 upper-case letters or digits').default('VPP'),
  OCPI_BUSINESS_NAME: z.string().min(1).max(100).default('EV VPP'),
  OCPI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Pull of every registered CPO's Locations and Sessions (transport_and_format "Pull and Push"): one job per party and interval; 0 = off.
  OCPI_PULL_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(900),
  // UFTP / Shapeshifter 3.0 towards DSOs (libs/congestion/README.md). Our AGR domain is the SenderDomain of
  // what we send; the key encrypts our Ed25519 private key at rest (AES-256-GCM). Retries: at least 1 h
  // with exponential back-off (message-transport-mechanism.md); the offer price is ASSUMED (no public tariff).
  UFTP_AGR_DOMAIN: z.string().regex(/^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/, 'must be an internet domain (UFTP InternetDomainType)').default('agr.vpp.example'),
  UFTP_KEY_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').default('dev-only-uftp-key-encryption-change-me-in-production'),
  UFTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  UFTP_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  UFTP_RETRY_HORIZON_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  UFTP_OFFER_PRICE_EUR_PER_MWH: z.string().regex(/^(0|[1-9][0-9]*)(\.[0-9]{1,4})?$/, 'must be a decimal with at most 4 fraction digits').default('150'),
  UFTP_OFFER_VALIDITY_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  // The simulator app's counterparties (apps/simulator/README.md): SIMULATOR_CPOS CPOs speaking OCPI 2.2.1
  // to the connector and SIMULATOR_OCPP_STATIONS OCPP 2.1 stations. Token A comes from
  // SIMULATOR_CPO_TOKENS_A (one per CPO) or is issued through the api with SIMULATOR_API_KEY (an
  // operator admin key), which also registers the stations; with neither, they are not started.
  SIMULATOR_CONNECTOR_URL: z.string().url().default('http://127.0.0.1:3001'),
  SIMULATOR_API_URL: z.string().url().default('http://127.0.0.1:3000'),
  SIMULATOR_API_KEY: z.string().min(1).optional(),
  SIMULATOR_SESSIONS_FILE: z.string().min(1).default('ev-sessions-elaadnl-2019-01-to-09.csv'),
  SIMULATOR_CPOS: z.coerce.number().int().min(0).max(50).default(2),
  SIMULATOR_CPO_COUNTRY_CODE: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').default('NL'),
  SIMULATOR_CPO_PARTY_IDS: z
    .string()
    .regex(/^[A-Z0-9]{3}(,[A-Z0-9]{3})*$/, 'must be comma-separated 3-character party ids')
    .optional(),
  SIMULATOR_CPO_TOKENS_A: z.string().regex(/^[^,\s]+(,[^,\s]+)*$/, 'must be comma-separated tokens').optional(),
  SIMULATOR_CPO_SESSIONS: z.coerce.number().int().min(1).max(100_000).default(20),
  SIMULATOR_CPO_COMMAND_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  SIMULATOR_CPO_IGNORE_PERCENT: z.coerce.number().int().min(0).max(100).default(0),
  SIMULATOR_OCPP_STATIONS: z.coerce.number().int().min(0).max(10_000).default(2),
  SIMULATOR_OCPP_STATION_PREFIX: z.string().regex(/^[A-Za-z0-9-]{1,24}$/, 'must be 1 to 24 letters, digits or dashes').default('SIM'),
  // BasicAuthPassword of every simulated station (16..40 printable ASCII, OCPP 2.0.1 A00).
  SIMULATOR_OCPP_PASSWORD: z.string().regex(/^[\x21-\x7e]{16,40}$/, 'must be 16 to 40 printable ASCII characters').default('simulated-station-password'),
  // With both, the stations' EVSEs are mapped into that fleet site (the API key's organisation's own).
  SIMULATOR_OCPP_FLEET_ID: z.string().uuid().optional(),
  SIMULATOR_OCPP_SITE_ID: z.string().uuid().optional(),
  SIMULATOR_OCPP_BIDIRECTIONAL_EVERY: z.coerce.number().int().min(0).max(10_000).default(2),
  // Simulated seconds per real second of the station replay, and the meter value interval.
  SIMULATOR_OCPP_SPEEDUP: z.coerce.number().int().min(1).max(1_000_000).default(60),
  SIMULATOR_OCPP_METER_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(60),
  // The simulated TSO (apps/simulator/src/tso): started when the feed URL, key and portfolio are all set.
  // URL ws(s)://host:port/tso-feed (the dispatcher's WebSocket feed) or http(s):// (its HTTP base URL).
  SIMULATOR_TSO_FEED_URL: z.string().url().optional(),
  SIMULATOR_TSO_FEED_KEY: z.string().min(1).optional(),
  SIMULATOR_TSO_PORTFOLIO_ID: z.string().uuid().optional(),
  SIMULATOR_TSO_SPEEDUP: z.coerce.number().int().min(1).max(1_000).default(1),
  SIMULATOR_TSO_AFRR_CAPACITY_MW: z.coerce.number().positive().max(10_000).default(1),
  SIMULATOR_TSO_SEND_FREQUENCY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SIMULATOR_TSO_FREQUENCY_FILE: z.string().min(1).default('frequency-ce-pmu-2019-03-19-part1.csv'),
  // Markets: products and calendar (libs/markets/README.md). Rules MARKETS.md marks UNVERIFIED are
  // seeded in market_products with their documented default; set one of these to override it.
  MARKETS_FCR_GATE_CLOSURE: z.string().regex(GATE_RULE, 'must be a gate rule like "D-1 08:00" or "-25m"').optional(),
  MARKETS_FCR_GATE_CLOSURE_ZONE: z.enum(['Europe/Amsterdam', 'UTC']).optional(),
  MARKETS_FCR_QUANTITY_STEP_MW: z.string().regex(/^(0|[1-9]\d*)(\.\d{1,3})?$/, 'must be a decimal MW like "1" or "0.1"').optional(),
  MARKETS_FCR_LER_MINUTES: z.coerce.number().int().min(15).max(30).optional(),
  MARKETS_AFRR_CAPACITY_GATE_CLOSURE: z.string().regex(GATE_RULE, 'must be a gate rule like "D-1 09:00"').optional(),
  MARKETS_AFRR_ENERGY_GATE_CLOSURE: z.string().regex(GATE_RULE, 'must be a gate rule like "-25m"').optional(),
  // Bid preparation starts this long before each gate; retry rounds after a failed preparation
  // follow each other this far apart until the gate closes.
  MARKETS_GATE_SAFETY_MARGIN_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  MARKETS_GATE_RETRY_ROUND_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // Days after today (Europe/Amsterdam) whose gates each calendar run plans.
  MARKETS_CALENDAR_HORIZON_DAYS: z.coerce.number().int().min(1).max(14).default(2),
  // Cron pattern (Europe/Amsterdam) of the BullMQ job scheduler that plans the calendar, or "off";
  // unset: hourly, and off under NODE_ENV=test so app-boot tests plan nothing.
  MARKETS_CALENDAR_SCHEDULE: z.string().regex(/^(off|\S+( \S+){4,5})$/, 'must be a cron pattern or "off"').optional(),
  // Planning (libs/flexibility planning): cron (Europe/Amsterdam) of the job that enqueues the next day's plan of every
  // portfolio before the first gate, or "off"; unset: D-1 07:00 local, off under NODE_ENV=test.
  PLANNING_SCHEDULE: z.string().regex(/^(off|\S+( \S+){4,5})$/, 'must be a cron pattern or "off"').optional(),
  PLANNING_RESERVE_CONFIDENCE: z.coerce.number().min(0.5).max(0.999).default(0.9),
  // Day-ahead price files (timestamp_utc, price_eur_mwh), relative to DATA_DIR, comma-separated.
  PLANNING_DAY_AHEAD_PRICE_FILES: z.string().default('prices-nl-dayahead-2019.csv,prices-nl-dayahead-2020.csv,prices-nl-dayahead-2021.csv,prices-nl-dayahead-2022.csv,prices-nl-dayahead-2023.csv'),
  // Capacity prices per 4-hour block, EUR/MW/h, "fcr,afrrUp,afrrDown": ASSUMED until the markets issue provides them.
  PLANNING_CAPACITY_PRICES_EUR_PER_MW_H: z.string().regex(/^\d+(\.\d+)?,\d+(\.\d+)?,\d+(\.\d+)?$/, 'must be "fcr,afrrUp,afrrDown" EUR/MW/h').default('10,8,6'),
  // Battery degradation per kWh of throughput when no vehicle model says otherwise: ASSUMED.
  PLANNING_DEGRADATION_EUR_PER_KWH: z.coerce.number().min(0).max(1).default(0.02),
  // Dispatch (libs/dispatch, apps/dispatcher): the real-time loop per portfolio with a TSO feed.
  // aFRR cycle (4 s), FCR droop evaluation between frequency samples, the Redis lease (a standby
  // takes over within DISPATCH_LEASE_TTL_MS + DISPATCH_STANDBY_POLL_MS), stale setpoint age,
  // per-party command rate (token bucket per CPO/OEM), the TSO WebSocket port (0 = random; unset = off).
  DISPATCH_LOOP_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  DISPATCH_CYCLE_MS: z.coerce.number().int().min(100).max(60_000).default(4_000),
  DISPATCH_FCR_EVAL_MS: z.coerce.number().int().min(100).max(10_000).default(1_000),
  DISPATCH_LEASE_TTL_MS: z.coerce.number().int().min(500).max(60_000).default(6_000),
  DISPATCH_STANDBY_POLL_MS: z.coerce.number().int().min(100).max(10_000).default(1_000),
  DISPATCH_STALE_SETPOINT_S: z.coerce.number().int().min(1).max(300).default(8),
  DISPATCH_SESSION_REFRESH_S: z.coerce.number().int().min(1).max(3600).default(30),
  DISPATCH_PARTY_COMMANDS_PER_S: z.coerce.number().int().min(1).max(100_000).default(50),
  DISPATCH_PARTY_BURST: z.coerce.number().int().min(1).max(100_000).default(200),
  DISPATCH_TSO_WS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DISPATCH_INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits, _ . or -').optional(),
  // A silent TSO feed: the last aFRR setpoint holds this long without a newer one, then the loop falls
  // back to 0 MW activation and alerts (log + dispatch_silent_feed_total).
  DISPATCH_SILENT_FEED_S: z.coerce.number().int().min(1).max(600).default(30),
  // Market gateways (libs/markets gateways): counterparty base URLs (the simulator's by default), the
  // per-request timeout and in-call attempts (the calendar retries until the gate beyond that), and
  // how long after a gate closes its results are collected (SDAC publishes about 45 min after 12:00).
  GATEWAYS_TSO_URL: z.string().url().default('http://127.0.0.1:3011'),
  GATEWAYS_EXCHANGE_URL: z.string().url().default('http://127.0.0.1:3012'),
  GATEWAYS_TRADING_PLATFORM_URL: z.string().url().default('http://127.0.0.1:3013'),
  GATEWAYS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  GATEWAYS_REQUEST_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  GATEWAYS_RESULTS_DELAY_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(45),
  // Simulated counterparties (apps/simulator/src/exchange, tso-market): ports (unset = not started), the FCR
  // clearing price per local 4-h block 00-04..20-24 in EUR/MW/h (ASSUMED: no FCR auction results in the data),
  // and the portfolio size GOPACS cleared buckets are scaled to (the largest bucket of a day = this many MW).
  GATEWAYS_SIM_TSO_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  GATEWAYS_SIM_EXCHANGE_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  GATEWAYS_SIM_TRADING_PLATFORM_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  GATEWAYS_SIM_FCR_PRICES_EUR_PER_MW_H: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?){5}$/, 'must be six EUR/MW/h prices, one per 4-hour block')
    .default('14,12,15,16,13,17'),
  GATEWAYS_SIM_PORTFOLIO_MW: z.string().regex(/^(0|[1-9]\d*)(\.\d{1,3})?$/, 'must be a decimal MW').default('5'),
  // Settlement pipeline (libs/settlement/README.md, "Pipeline"): how long after an ISP or a delivery day
  // closes late meter data is awaited, how often each replica offers the close jobs (0 = off), how long a
  // statement waits before it looks again for a missing price, and how far back late meter data restates.
  SETTLEMENT_GRACE_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(30),
  SETTLEMENT_CHECK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  SETTLEMENT_PRICE_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  SETTLEMENT_RESTATE_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(366).default(7),
});

export type Env = z.infer<typeof envSchema>;
