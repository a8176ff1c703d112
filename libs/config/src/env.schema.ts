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
});

export type Env = z.infer<typeof envSchema>;
