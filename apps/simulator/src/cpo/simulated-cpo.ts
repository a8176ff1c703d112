import { randomBytes } from 'node:crypto';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ChargingSession, deliveredWh, kwhText, LimitChange, wholeThousandths } from './charging-model';
import { cpoRequest, CpoHttpAnswer, envelope, tokenOf } from './cpo-http';
import { CpoIdentity, locationOf, ocpiTime, OcpiJson, ReplayedSession, sessionOf } from './cpo-replay';

export interface SimulatedCpoOptions extends CpoIdentity {
  readonly name: string;
  /** Delay between accepting a charging profile and applying it (the command latency we measure). */
  readonly commandLatencyMs: number;
  /** Share of sessions (0..1) whose EV ignores profiles: accepted, answered, never applied. */
  readonly ignoreShare: number;
  /** Deterministic randomness for the ignore draw (tests pass a seeded one). */
  readonly random?: () => number;
  /** The most objects one page of a GET list holds (its X-Limit); 50 by default. */
  readonly pageLimit?: number;
  /**
   * The CPO's clock: when an applied profile limit takes effect in the charging model (the wall
   * clock by default; the demo passes its simulated clock, so caps act in simulated time).
   */
  readonly clock?: () => Date;
  /** Session PUTs (`pushSessions`) and PATCHes (`reportChargingProgress`) in flight at once (16 by default). */
  readonly reportConcurrency?: number;
}

/** One GET of our Locations or Sessions list by the platform, as the CPO saw it. */
export interface ReceivedListRequest {
  readonly module: 'locations' | 'sessions';
  readonly query: Readonly<Record<string, string>>;
  /** The OCPI-to-* / OCPI-from-* headers it carried (transport_and_format "Message Routing"). */
  readonly routing: Readonly<Record<string, string>>;
}

/** A ClearProfile or GET ActiveChargingProfile the platform sent. */
export interface ReceivedProfileQuery {
  readonly kind: 'clear' | 'get_active';
  readonly sessionId: string;
  readonly responseUrl: string;
  readonly durationSeconds: number | null;
  readonly routing: Readonly<Record<string, string>>;
}

const DEFAULT_PAGE_LIMIT = 50;
const DEFAULT_REPORT_CONCURRENCY = 16;
// The EVSEs of locationOf: 3 x 32 A at 230 V, what the CPO applies without a profile of ours.
const EVSE_DEFAULT_LIMIT_W = 22000;
// A limit in amperes on those EVSEs: 3 phases at 230 V.
const WATTS_PER_AMPERE = 690;

function routingOf(request: FastifyRequest): Record<string, string> {
  const routing: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('ocpi-to-') || name.startsWith('ocpi-from-')) routing[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  return routing;
}

export interface ReceivedProfile {
  readonly sessionId: string;
  readonly requestId: string | undefined;
  readonly limit: unknown;
  readonly responseUrl: string;
  readonly routing: Readonly<Record<string, string>>;
}

interface SimulatedSession {
  readonly replayed: ReplayedSession;
  readonly ignoresProfiles: boolean;
  /** The max limit in force (W), once a profile is applied. */
  limitW: number | null;
  /** The charging model's view of the session (see charging-model.ts). */
  readonly charging: ChargingSession;
  /** Every limit applied (or cleared), with the CPO clock's instant it took effect. */
  readonly limits: LimitChange[];
  /** Pushed to the platform (PUT), so progress is reported by PATCH; held-only sessions are not. */
  pushed: boolean;
  /** The kWh text last sent (PUT or PATCH). */
  reportedKwh: string;
  /** The CPO clock's instant of the last progress report that looked at it: energy up to then is told. */
  reportedAtMs: number;
  completed: boolean;
}

/** What one `reportChargingProgress` call sent. */
export interface ChargingProgressReport {
  /** Sessions PATCHed (kwh changed, or completed). */
  readonly patched: number;
  /** Of those, the ones PATCHed to COMPLETED (now at or past their departure). */
  readonly completed: number;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A CPO speaking real OCPI 2.2.1 over HTTP on 127.0.0.1: it registers with our connector through
 * the credentials handshake, pushes Locations and Sessions, receives SetChargingProfile and
 * applies it as a max limit after a latency, answering with ChargingProfileResult on our
 * response_url and an ActiveChargingProfile PUT (mod_charging_profiles). Sessions charge by a
 * deterministic model under the limits applied; `reportChargingProgress` PATCHes their kWh.
 */
export class SimulatedCpo {
  readonly received: ReceivedProfile[] = [];
  readonly listRequests: ReceivedListRequest[] = [];
  readonly profileQueries: ReceivedProfileQuery[] = [];
  /** What the CPO serves on GET (mod_locations, mod_sessions "Sender Interface"), in creation order. */
  private readonly served = { locations: new Map<string, OcpiJson>(), sessions: new Map<string, OcpiJson>() };
  private readonly server: FastifyInstance = Fastify({ logger: false });
  private readonly sessions = new Map<string, SimulatedSession>();
  /** Tokens that open this CPO's API: token B given to the platform, or token A for the reverse handshake. */
  private readonly acceptedTokens = new Set<string>();
  private platformToken: string | null = null;
  private platformEndpoints: { identifier: string; role: string; url: string }[] = [];
  private baseUrl = '';
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SimulatedCpoOptions) {
    this.routes();
  }

  get identity(): CpoIdentity {
    return { countryCode: this.options.countryCode, partyId: this.options.partyId };
  }

  async start(): Promise<string> {
    this.baseUrl = await this.server.listen({ host: '127.0.0.1', port: 0 });
    return this.baseUrl;
  }

  /** Drops profiles not yet applied (a CPO going away), waits for results in flight, then closes. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.server.close();
  }

  /** Resolves when every accepted profile has been applied and answered. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** Steps 2-3 of the handshake as the sender: read the platform's endpoints with token A, POST our credentials. */
  async register(versionsUrl: string, tokenA: string): Promise<CpoHttpAnswer> {
    const versions = await cpoRequest('GET', versionsUrl, tokenA);
    const version = (versions.body?.data as { version: string; url: string }[] | undefined)?.find((v) => v.version === '2.2.1');
    if (!version) throw new Error(`platform offers no 2.2.1: HTTP ${versions.status}`);
    const details = await cpoRequest('GET', version.url, tokenA);
    this.platformEndpoints = (details.body?.data as { endpoints: SimulatedCpo['platformEndpoints'] }).endpoints;
    const tokenB = randomBytes(24).toString('base64url');
    this.acceptedTokens.add(tokenB);
    const answer = await cpoRequest('POST', this.endpoint('credentials'), tokenA, {
      token: tokenB,
      url: `${this.baseUrl}/ocpi/versions`,
      roles: [{ role: 'CPO', business_details: { name: this.options.name }, party_id: this.options.partyId, country_code: this.options.countryCode }],
    });
    if (answer.status === 200) this.platformToken = (answer.body?.data as { token: string }).token;
    return answer;
  }

  /** PUT credentials (credentials.asciidoc "PUT"): a new token B for the platform, a new token C back. */
  async updateCredentials(): Promise<{ answer: CpoHttpAnswer; previousToken: string | null }> {
    const previousToken = this.platformToken;
    const tokenB = randomBytes(24).toString('base64url');
    this.acceptedTokens.add(tokenB);
    const answer = await cpoRequest('PUT', this.endpoint('credentials'), previousToken, {
      token: tokenB,
      url: `${this.baseUrl}/ocpi/versions`,
      roles: [{ role: 'CPO', business_details: { name: this.options.name }, party_id: this.options.partyId, country_code: this.options.countryCode }],
    });
    if (answer.status === 200) this.platformToken = (answer.body?.data as { token: string }).token;
    return { answer, previousToken };
  }

  async unregister(): Promise<CpoHttpAnswer> {
    return cpoRequest('DELETE', this.endpoint('credentials'), this.platformToken);
  }

  /** For the reverse handshake: the token A this CPO hands out, and its versions URL. */
  issueTokenA(): { tokenA: string; versionsUrl: string } {
    const tokenA = randomBytes(24).toString('base64url');
    this.acceptedTokens.add(tokenA);
    return { tokenA, versionsUrl: `${this.baseUrl}/ocpi/versions` };
  }

  /**
   * PUTs the Locations the sessions were (or will be) charged at, once per location with every
   * EVSE among them: a CPO onboarding its network before any session of the day is pushed.
   */
  async pushLocations(replayed: readonly ReplayedSession[], at: Date): Promise<void> {
    const evsesByLocation = new Map<string, Set<string>>();
    for (const session of replayed) {
      const evses = evsesByLocation.get(session.locationId) ?? new Set<string>();
      evses.add(session.evseUid);
      evsesByLocation.set(session.locationId, evses);
    }
    for (const [locationId, evses] of evsesByLocation) {
      const location = locationOf(this.identity, locationId, [...evses], at);
      this.served.locations.set(locationId, location);
      await this.expectOk(this.send('PUT', `locations/${this.pathOf(locationId)}`, location));
    }
  }

  /**
   * Replays sessions: PUT their Locations (once per location; skipped with `locations: false` when
   * `pushLocations` already sent them), then PUT each session as ACTIVE.
   */
  async pushSessions(replayed: readonly ReplayedSession[], at: Date, options: { locations?: boolean } = {}): Promise<void> {
    if (options.locations ?? true) await this.pushLocations(replayed, at);
    // Sessions in parallel (at most `reportConcurrency` in flight; taken, and their ignore draws
    // made, in order): each PUT also stores a meter value, and concurrent ones share its commit.
    await inPool(replayed, this.options.reportConcurrency ?? DEFAULT_REPORT_CONCURRENCY, async (session) => {
      const object = this.hold(session, at);
      await this.expectOk(this.send('PUT', `sessions/${this.pathOf(session.sessionId)}`, object));
      this.sessions.get(session.sessionId)!.pushed = true;
    });
  }

  /**
   * Reports charging progress of every pushed session by PATCH (mod_sessions "Sender Interface"):
   * `kwh` with `last_updated` = `now` when it changed since the last report, and once `now` is
   * at or past its departure, status COMPLETED with `end_date_time` (the session is then done).
   * Energy model (deterministic): each session charges from arrival at its max power (the
   * replayed session's, else the EVSE's 22 kW, never above the EVSE) until its energy is
   * delivered, capped at every instant by the latest profile limit it applied (integrated
   * piecewise between limit changes, in the CPO clock's time), so a dispatch cap slows it down.
   * At most `reportConcurrency` PATCHes in flight; throws after all were tried if any failed.
   */
  async reportChargingProgress(now: Date): Promise<ChargingProgressReport> {
    const nowMs = now.getTime();
    const due: { session: SimulatedSession; kwh: string; completes: boolean }[] = [];
    for (const session of this.sessions.values()) {
      if (!session.pushed || session.completed) continue;
      const completes = nowMs >= session.charging.departureMs;
      const kwh = kwhText(deliveredWh(session.charging, session.limits, nowMs));
      if (completes || kwh !== session.reportedKwh) due.push({ session, kwh, completes });
      else session.reportedAtMs = Math.max(session.reportedAtMs, nowMs);
    }
    let patched = 0;
    let completed = 0;
    const failures: string[] = [];
    await inPool(due, this.options.reportConcurrency ?? DEFAULT_REPORT_CONCURRENCY, async ({ session, kwh, completes }) => {
      const id = session.replayed.sessionId;
      const patch: OcpiJson = {
        kwh: JSON.parse(kwh) as number,
        last_updated: ocpiTime(now),
        ...(completes ? { status: 'COMPLETED', end_date_time: ocpiTime(session.replayed.departure) } : {}),
      };
      const answer = await this.send('PATCH', `sessions/${this.pathOf(id)}`, patch);
      if (answer.status !== 200 || answer.body?.status_code !== 1000) {
        failures.push(`${id}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        return;
      }
      session.reportedKwh = kwh;
      session.reportedAtMs = Math.max(session.reportedAtMs, nowMs);
      session.completed = completes;
      this.served.sessions.set(id, { ...(this.served.sessions.get(id) ?? {}), ...patch });
      patched += 1;
      if (completes) completed += 1;
    });
    if (failures.length > 0) throw new Error(`${failures.length} progress PATCHes failed, e.g. ${failures[0]}`);
    return { patched, completed };
  }

  /** The kWh the charging model gives the session at `at` (what a report at `at` would send). */
  deliveredKwhOf(sessionId: string, at: Date): string | null {
    const session = this.sessions.get(sessionId);
    return session ? kwhText(deliveredWh(session.charging, session.limits, at.getTime())) : null;
  }

  /**
   * Takes sessions (and their Locations) into the CPO without pushing them: the platform learns of
   * them only by pulling (GET lists), like a CPO that was offline or pushes nothing.
   */
  holdSessions(replayed: readonly ReplayedSession[], at: Date): void {
    const evsesByLocation = new Map<string, Set<string>>();
    for (const session of replayed) {
      const evses = evsesByLocation.get(session.locationId) ?? new Set<string>();
      evses.add(session.evseUid);
      evsesByLocation.set(session.locationId, evses);
    }
    for (const [locationId, evses] of evsesByLocation) this.served.locations.set(locationId, locationOf(this.identity, locationId, [...evses], at));
    for (const session of replayed) this.hold(session, at);
  }

  /** Serves any object as-is on GET (tests use it for an invalid one). */
  serveRaw(module: 'locations' | 'sessions', id: string, object: OcpiJson): void {
    this.served[module].set(id, object);
  }

  private hold(session: ReplayedSession, at: Date): OcpiJson {
    const maxPowerW = session.maxPowerKw === null ? EVSE_DEFAULT_LIMIT_W : Math.min(EVSE_DEFAULT_LIMIT_W, wholeThousandths(session.maxPowerKw));
    const charging: ChargingSession = { arrivalMs: session.arrival.getTime(), departureMs: session.departure.getTime(), maxPowerW, energyWh: wholeThousandths(session.energyKwh) };
    // What it has taken by `at` (0 when pushed at its arrival): a session pushed late is not reset.
    const kwh = kwhText(deliveredWh(charging, [], at.getTime()));
    this.sessions.set(session.sessionId, {
      replayed: session,
      ignoresProfiles: (this.options.random ?? Math.random)() < this.options.ignoreShare,
      limitW: null,
      charging,
      limits: [],
      pushed: false,
      reportedKwh: kwh,
      reportedAtMs: at.getTime(),
      completed: false,
    });
    const object = sessionOf(this.identity, session, 'ACTIVE', kwh, at);
    this.served.sessions.set(session.sessionId, object);
    return object;
  }

  /** Any OCPI request to one of the platform's modules (bad-input tests use it too). */
  send(
    method: string,
    modulePath: string,
    body?: unknown,
    options: { rawBody?: string; token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<CpoHttpAnswer> {
    const [module, ...rest] = modulePath.split('/');
    const url = [this.endpoint(module), ...rest].join('/');
    return cpoRequest(method, url, options.token === undefined ? this.platformToken : options.token, body, options.rawBody, options.headers);
  }

  pathOf(id: string): string {
    return `${this.options.countryCode}/${this.options.partyId}/${id}`;
  }

  limitOf(sessionId: string): number | null {
    return this.sessions.get(sessionId)?.limitW ?? null;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private endpoint(module: string): string {
    const found = this.platformEndpoints.find((e) => e.identifier === module && (e.role === 'RECEIVER' || module === 'chargingprofiles' || module === 'credentials'));
    if (!found) throw new Error(`platform has no ${module} endpoint`);
    return found.url;
  }

  private async expectOk(answer: Promise<CpoHttpAnswer>): Promise<void> {
    const result = await answer;
    if (result.status >= 300 || result.body?.status_code !== 1000) throw new Error(`platform answered HTTP ${result.status}: ${JSON.stringify(result.body)}`);
  }

  private authorised(request: FastifyRequest, reply: FastifyReply): boolean {
    const token = tokenOf(request.headers.authorization);
    if (token !== null && this.acceptedTokens.has(token)) return true;
    void reply.status(401).send(envelope(null, 2000, 'Unknown token'));
    return false;
  }

  private routes(): void {
    this.server.get('/ocpi/versions', async (request, reply) => {
      if (!this.authorised(request, reply)) return reply;
      return envelope([{ version: '2.2.1', url: `${this.baseUrl}/ocpi/2.2.1` }]);
    });
    this.server.get('/ocpi/2.2.1', async (request, reply) => {
      if (!this.authorised(request, reply)) return reply;
      const url = `${this.baseUrl}/ocpi/2.2.1`;
      return envelope({
        version: '2.2.1',
        endpoints: [
          { identifier: 'credentials', role: 'RECEIVER', url: `${url}/credentials` },
          { identifier: 'chargingprofiles', role: 'RECEIVER', url: `${url}/chargingprofiles` },
          { identifier: 'locations', role: 'SENDER', url: `${url}/locations` },
          { identifier: 'sessions', role: 'SENDER', url: `${url}/sessions` },
        ],
      });
    });
    this.server.post('/ocpi/2.2.1/credentials', async (request, reply) => this.registerPlatform(request, reply));
    this.server.put('/ocpi/2.2.1/chargingprofiles/:sessionId', async (request, reply) => this.setChargingProfile(request, reply));
    this.server.delete('/ocpi/2.2.1/chargingprofiles/:sessionId', async (request, reply) => this.profileQuery('clear', request, reply));
    this.server.get('/ocpi/2.2.1/chargingprofiles/:sessionId', async (request, reply) => this.profileQuery('get_active', request, reply));
    this.server.get('/ocpi/2.2.1/locations', async (request, reply) => this.list('locations', request, reply));
    this.server.get('/ocpi/2.2.1/sessions', async (request, reply) => this.list('sessions', request, reply));
  }

  /**
   * A paginated GET of our objects (transport_and_format "Pagination"): `last_updated` in
   * [date_from, date_to), oldest created first, at most `pageLimit` per page, X-Total-Count,
   * X-Limit and a Link to the next page that keeps the filters.
   */
  private list(module: 'locations' | 'sessions', request: FastifyRequest, reply: FastifyReply): unknown {
    if (!this.authorised(request, reply)) return reply;
    const query = request.query as Record<string, string>;
    this.listRequests.push({ module, query: { ...query }, routing: routingOf(request) });
    const from = query.date_from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.date_from);
    const to = query.date_to === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.date_to);
    const matching = [...this.served[module].values()].filter((object) => {
      const at = typeof object.last_updated === 'string' ? Date.parse(object.last_updated) : Number.NaN;
      return Number.isNaN(at) || (at >= from && at < to);
    });
    const offset = Math.max(0, Number.parseInt(query.offset ?? '0', 10) || 0);
    const pageLimit = this.options.pageLimit ?? DEFAULT_PAGE_LIMIT;
    const limit = Math.min(pageLimit, Math.max(1, Number.parseInt(query.limit ?? String(pageLimit), 10) || pageLimit));
    const page = matching.slice(offset, offset + limit);
    void reply.header('X-Total-Count', String(matching.length)).header('X-Limit', String(limit));
    if (offset + limit < matching.length) {
      const next = new URL(`${this.baseUrl}/ocpi/2.2.1/${module}`);
      for (const [key, value] of Object.entries(query)) next.searchParams.set(key, value);
      next.searchParams.set('offset', String(offset + limit));
      next.searchParams.set('limit', String(limit));
      void reply.header('Link', `<${next.toString()}>; rel="next"`);
    }
    return envelope(page);
  }

  /** ClearProfile (DELETE) and GET ActiveChargingProfile: answered at once, the result later on response_url. */
  private profileQuery(kind: 'clear' | 'get_active', request: FastifyRequest, reply: FastifyReply): unknown {
    if (!this.authorised(request, reply)) return reply;
    const { sessionId } = request.params as { sessionId: string };
    const query = request.query as { response_url?: string; duration?: string };
    const durationSeconds = query.duration === undefined ? null : Number.parseInt(query.duration, 10);
    if (typeof query.response_url !== 'string' || (kind === 'get_active' && !(durationSeconds !== null && durationSeconds > 0))) {
      return reply.status(400).send(envelope(null, 2001, 'response_url (and duration for GET) required'));
    }
    const responseUrl = query.response_url;
    this.profileQueries.push({ kind, sessionId, responseUrl, durationSeconds, routing: routingOf(request) });
    const session = this.sessions.get(sessionId);
    if (!session) return envelope({ result: 'UNKNOWN_SESSION', timeout: 0 });
    const work = this.afterLatency(async () => {
      if (kind === 'clear') {
        if (!session.ignoresProfiles) {
          session.limitW = null;
          session.limits.push({ fromMs: this.now().getTime(), limitW: null });
        }
        await cpoRequest('POST', responseUrl, this.platformToken, { result: 'ACCEPTED' });
        return;
      }
      const limit = session.limitW ?? EVSE_DEFAULT_LIMIT_W;
      await cpoRequest('POST', responseUrl, this.platformToken, {
        result: 'ACCEPTED',
        profile: {
          start_date_time: ocpiTime(new Date()),
          charging_profile: { charging_rate_unit: 'W', duration: durationSeconds, charging_profile_period: [{ start_period: 0, limit }] },
        },
      });
    }).catch(() => undefined);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return envelope({ result: 'ACCEPTED', timeout: 30 });
  }

  /** Runs `then` after the command latency; never, once stop() cleared the timer (a CPO that went away). */
  private async afterLatency(then: () => Promise<void>): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, this.options.commandLatencyMs);
      this.timers.add(timer);
    });
    await then();
  }

  /** The reverse handshake: the platform registers with us using our token A (credentials.asciidoc). */
  private async registerPlatform(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.authorised(request, reply)) return reply;
    const body = request.body as { token: string; url: string };
    const versions = await cpoRequest('GET', body.url, body.token);
    if (versions.status !== 200) return reply.status(400).send(envelope(null, 3001, 'Cannot read your versions'));
    const version = (versions.body?.data as { version: string; url: string }[]).find((v) => v.version === '2.2.1');
    const details = await cpoRequest('GET', version?.url ?? '', body.token);
    this.platformEndpoints = (details.body?.data as { endpoints: SimulatedCpo['platformEndpoints'] }).endpoints;
    this.platformToken = body.token;
    const tokenC = randomBytes(24).toString('base64url');
    this.acceptedTokens.add(tokenC);
    return envelope({
      token: tokenC,
      url: `${this.baseUrl}/ocpi/versions`,
      roles: [{ role: 'CPO', business_details: { name: this.options.name }, party_id: this.options.partyId, country_code: this.options.countryCode }],
    });
  }

  private setChargingProfile(request: FastifyRequest, reply: FastifyReply): unknown {
    if (!this.authorised(request, reply)) return reply;
    const { sessionId } = request.params as { sessionId: string };
    const body = request.body as { charging_profile?: { charging_rate_unit?: string; charging_profile_period?: { limit: number }[] }; response_url?: string };
    if (!body?.charging_profile || typeof body.response_url !== 'string') return reply.status(400).send(envelope(null, 2001, 'Invalid SetChargingProfile'));
    const limit = body.charging_profile.charging_profile_period?.[0]?.limit ?? null;
    const requestId = request.headers['x-request-id'];
    this.received.push({ sessionId, requestId: Array.isArray(requestId) ? requestId[0] : requestId, limit, responseUrl: body.response_url, routing: routingOf(request) });
    const session = this.sessions.get(sessionId);
    if (!session) return envelope({ result: 'UNKNOWN_SESSION', timeout: 0 });
    const limitW = typeof limit !== 'number' ? null : body.charging_profile.charging_rate_unit === 'A' ? limit * WATTS_PER_AMPERE : limit;
    const work = this.applyLater(session, typeof limit === 'number' ? limit : null, limitW, body.response_url, body.charging_profile).catch(() => undefined);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return envelope({ result: 'ACCEPTED', timeout: 30 });
  }

  /**
   * From when an applied profile limits the charging model: an absolute profile (start_date_time)
   * from its start, the instant the platform decided it, which on a simulated clock lies up to a
   * whole step before the moment the wall-clock latency ends; but never before the energy this CPO
   * already reported (what it told stays true) and never after now. Without start_date_time (a
   * profile relative to the start of charging) from now.
   */
  private effectiveFromMs(session: SimulatedSession, profile: OcpiJson): number {
    const nowMs = this.now().getTime();
    const start = typeof profile.start_date_time === 'string' ? Date.parse(profile.start_date_time) : Number.NaN;
    if (Number.isNaN(start)) return nowMs;
    return Math.min(nowMs, Math.max(start, session.reportedAtMs));
  }

  /** After the configured latency: apply (unless this EV ignores profiles), then answer asynchronously. */
  private async applyLater(session: SimulatedSession, limit: number | null, limitW: number | null, responseUrl: string, profile: OcpiJson): Promise<void> {
    const applied = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(true);
      }, this.options.commandLatencyMs);
      this.timers.add(timer);
      // stop() clears the timer: the promise then never settles, like a CPO that went away.
    });
    if (!applied) return;
    if (!session.ignoresProfiles) {
      session.limitW = limit;
      session.limits.push({ fromMs: this.effectiveFromMs(session, profile), limitW });
    }
    await cpoRequest('POST', responseUrl, this.platformToken, { result: 'ACCEPTED' });
    if (session.ignoresProfiles) return;
    const now = ocpiTime(new Date());
    await cpoRequest('PUT', `${this.endpoint('chargingprofiles')}/${session.replayed.sessionId}`, this.platformToken, {
      start_date_time: now,
      charging_profile: profile,
    });
  }
}
