import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDecimal } from '@vpp/units';
import { LoopbackHttpServer, readRequestBody } from '../loopback-http-server';
import type { SimVehicleSeed } from './acn-sim-vehicles.reader';
import { SimVehicle } from './sim-vehicle';
import { SentWebhook, SimWebhookSender } from './sim-webhook-sender';

export interface SimulatedOemCloudOptions {
  readonly vehicles: readonly SimVehicleSeed[];
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where webhooks go; see `sendWebhooksTo`. */
  readonly webhookUrl: string;
  readonly webhookSecret: string;
  /** Requests to /vehicles per minute before answering 429. */
  readonly rateLimitPerMinute: number;
  /** How long a command takes to reach the car and take effect. */
  readonly commandLatencyMs: number;
  /** Simulated ms per real ms (60 = a simulated minute per second). */
  readonly timeScale?: number;
  readonly tokenLifetimeSeconds?: number;
  /**
   * The cars' clock (state `observed_at`, SoC and plug state, when a command takes effect); the
   * wall clock unless given, e.g. a simulated day's clock (then `timeScale` 1). Tokens, the request
   * budget and webhook signature time stamps stay on the wall clock: they are the transport's. A
   * command takes effect `commandLatencyMs` after its receipt on the cars' clock (or when the timer
   * fires, if the cars' clock moved less).
   */
  readonly now?: () => Date;
  /**
   * Whether states carry the cars' charged-energy counter (`charge_energy_added_kwh`, as Tesla's
   * `charge_energy_added`); default true. False plays a maker that reports power and SoC only.
   */
  readonly reportsChargeEnergyAdded?: boolean;
}

interface Fault {
  status: number;
  remaining: number;
  retryAfterSeconds?: number;
}

type Handler = (request: IncomingMessage, body: string, response: ServerResponse, match: RegExpExecArray) => Promise<void> | void;

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * A car maker's cloud over real HTTP on 127.0.0.1: OAuth client credentials, vehicle state (with
 * the car's charged-energy counter unless turned off), commands applied after a latency with a
 * signed command.result webhook, signed vehicle.state pushes, a request budget answered with
 * 429 + Retry-After, and injectable 5xx/429 faults.
 * `/_sim/*` is the test and demo control surface, not part of the OEM API.
 */
export class SimulatedOemCloud {
  readonly requests = { state: 0, commands: 0, token: 0, throttled: 0, faulted: 0 };
  /** Commands the cars applied, by OEM command type. */
  readonly applied: Record<string, number> = {};
  /** Plug state last pushed per car (pushPlugChanges); a car not in it was last seen unplugged. */
  private readonly pushedPlugged = new Map<string, boolean>();
  private readonly clock: () => number;
  private readonly vehicles = new Map<string, SimVehicle>();
  private readonly tokens = new Map<string, number>();
  private readonly faults: Fault[] = [];
  private webhooks: SimWebhookSender;
  private readonly pending = new Set<NodeJS.Timeout>();
  private window = { startedAtMs: 0, count: 0 };
  private readonly http = new LoopbackHttpServer((request, response) => this.handle(request, response));
  private readonly routes: [string, RegExp, Handler][] = [
    ['POST', /^\/oauth\/token$/, (request, body, response) => this.token(body, response)],
    ['GET', /^\/vehicles\/([^/]+)\/state$/, (request, body, response, match) => this.guarded(request, response, () => this.state(response, match[1]))],
    ['POST', /^\/vehicles\/([^/]+)\/commands$/, (request, body, response, match) => this.guarded(request, response, () => this.command(body, response, match[1]))],
    ['POST', /^\/_sim\/faults$/, (request, body, response) => this.addFault(body, response)],
    ['POST', /^\/_sim\/vehicles\/([^/]+)\/push$/, (request, body, response, match) => this.push(response, match[1])],
  ];

  constructor(private readonly options: SimulatedOemCloudOptions) {
    const clockOf = options.now;
    this.clock = clockOf === undefined ? () => Date.now() : () => clockOf().getTime();
    const now = this.clock();
    for (const seed of options.vehicles) this.vehicles.set(seed.oemVehicleRef, new SimVehicle(seed, options.timeScale ?? 1, now));
    this.webhooks = new SimWebhookSender(options.webhookUrl, options.webhookSecret);
  }

  get sentWebhooks(): readonly SentWebhook[] {
    return this.webhooks.sent;
  }

  async start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    await this.http.stop();
  }

  /** Where signed webhooks go; settable after start, since the receiver may start after us. */
  sendWebhooksTo(url: string): void {
    const sent = this.webhooks.sent;
    this.webhooks = new SimWebhookSender(url, this.options.webhookSecret);
    this.webhooks.sent.push(...sent);
  }

  /** Pushes the vehicle's current state (or its state at `atMs` on the cars' clock, not later than now) as a signed webhook. */
  pushState(oemVehicleRef: string, atMs?: number): Promise<SentWebhook> {
    const vehicle = this.vehicles.get(oemVehicleRef);
    if (!vehicle) throw new Error(`unknown simulated vehicle ${oemVehicleRef}`);
    return this.webhooks.send({ type: 'vehicle.state', vehicle_id: oemVehicleRef, state: this.stateBody(vehicle, atMs) });
  }

  /**
   * Pushes a signed vehicle.state webhook for every car whose plug state changed since the last
   * call, as OEM clouds push plug events: the state as of the event (plugged in at its arrival,
   * unplugged at its `unplugAt`, on the cars' clock), delivered now. Returns the webhooks' HTTP statuses.
   */
  async pushPlugChanges(): Promise<number[]> {
    const nowMs = this.clock();
    const statuses: number[] = [];
    for (const [ref, vehicle] of this.vehicles) {
      const plugged = vehicle.pluggedInAt(nowMs);
      if (plugged === (this.pushedPlugged.get(ref) ?? false)) continue;
      this.pushedPlugged.set(ref, plugged);
      const { arrivalAt, unplugAt } = vehicle.seed;
      const eventMs = unplugAt === undefined ? nowMs : plugged ? arrivalAt.getTime() : unplugAt.getTime();
      statuses.push((await this.pushState(ref, Math.min(nowMs, eventMs))).status);
    }
    return statuses;
  }

  /** The next `count` OEM API calls answer `status` (e.g. 500, or 429 with Retry-After). */
  injectFault(status: number, count: number, retryAfterSeconds?: number): void {
    this.faults.push({ status, remaining: count, retryAfterSeconds });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readRequestBody(request);
    const path = (request.url ?? '/').split('?')[0];
    for (const [method, pattern, handler] of this.routes) {
      const match = pattern.exec(path);
      if (match && request.method === method) {
        try {
          await handler(request, body, response, match);
        } catch (error) {
          json(response, 500, { error: error instanceof Error ? error.message : 'internal error' });
        }
        return;
      }
    }
    json(response, 404, { error: 'not found' });
  }

  private token(body: string, response: ServerResponse): void {
    this.requests.token += 1;
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== this.options.clientId || form.get('client_secret') !== this.options.clientSecret) {
      json(response, 401, { error: 'invalid_client' });
      return;
    }
    const lifetime = this.options.tokenLifetimeSeconds ?? 3600;
    const token = randomUUID();
    this.tokens.set(token, Date.now() + lifetime * 1000);
    json(response, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
  }

  private async guarded(request: IncomingMessage, response: ServerResponse, next: () => Promise<void> | void): Promise<void> {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || (this.tokens.get(token) ?? 0) < Date.now()) {
      json(response, 401, { error: 'invalid_token' });
      return;
    }
    const fault = this.faults.find((candidate) => candidate.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      this.requests.faulted += 1;
      json(response, fault.status, { error: 'injected fault' }, fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
      return;
    }
    const now = Date.now();
    if (now - this.window.startedAtMs >= 60_000) this.window = { startedAtMs: now, count: 0 };
    this.window.count += 1;
    if (this.window.count > this.options.rateLimitPerMinute) {
      this.requests.throttled += 1;
      const retryAfter = Math.ceil((this.window.startedAtMs + 60_000 - now) / 1000);
      json(response, 429, { error: 'rate limited' }, { 'retry-after': String(retryAfter) });
      return;
    }
    await next();
  }

  private stateBody(vehicle: SimVehicle, atMs?: number): Record<string, unknown> {
    const snapshot = vehicle.snapshot(atMs ?? this.clock());
    return {
      soc_percent: snapshot.socPct.toFixed(2),
      plugged_in: snapshot.pluggedIn,
      charging_power_kw: snapshot.chargingPowerKw.toFixed(3),
      observed_at: snapshot.observedAt.toISOString(),
      ...(this.options.reportsChargeEnergyAdded === false ? {} : { charge_energy_added_kwh: snapshot.chargeEnergyAddedKwh.toFixed(3) }),
    };
  }

  private state(response: ServerResponse, ref: string): void {
    this.requests.state += 1;
    const vehicle = this.vehicles.get(decodeURIComponent(ref));
    if (!vehicle) return json(response, 404, { error: 'unknown vehicle' });
    json(response, 200, this.stateBody(vehicle));
  }

  private command(body: string, response: ServerResponse, ref: string): void {
    this.requests.commands += 1;
    const vehicleRef = decodeURIComponent(ref);
    const vehicle = this.vehicles.get(vehicleRef);
    if (!vehicle) return json(response, 404, { error: 'unknown vehicle' });
    const command = JSON.parse(body) as { request_id?: string; type?: string; charge_limit_kw?: string; target_soc_percent?: string };
    if (!command.request_id || !['start', 'stop', 'charge_limit', 'target_soc'].includes(command.type ?? '')) return json(response, 400, { error: 'bad command' });
    const commandId = randomUUID();
    const requestId = command.request_id;
    const receivedAtMs = this.clock();
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      // The car acts the latency after the command reached the cloud, on the cars' clock: a
      // simulated day's clock may have jumped a whole step while the wall-clock timer ran, and the
      // command must not wait for that step. The car never acts before what it already reported.
      const appliedAtMs = Math.min(this.clock(), receivedAtMs + this.options.commandLatencyMs);
      vehicle.apply(
        {
          type: command.type ?? '',
          chargeLimitKw: command.charge_limit_kw ? parseDecimal(command.charge_limit_kw) : undefined,
          targetSocPct: command.target_soc_percent ? parseDecimal(command.target_soc_percent) : undefined,
        },
        appliedAtMs,
      );
      this.applied[command.type ?? ''] = (this.applied[command.type ?? ''] ?? 0) + 1;
      void this.webhooks
        .send({ type: 'command.result', vehicle_id: vehicleRef, command: { request_id: requestId, status: 'applied', applied_at: new Date(appliedAtMs).toISOString() } })
        .then(() => this.pushState(vehicleRef))
        .catch(() => undefined);
    }, this.options.commandLatencyMs);
    this.pending.add(timer);
    json(response, 202, { command_id: commandId, accepted_at: new Date(this.clock()).toISOString() });
  }

  private addFault(body: string, response: ServerResponse): void {
    const fault = JSON.parse(body) as { status: number; count: number; retry_after_seconds?: number };
    this.injectFault(fault.status, fault.count, fault.retry_after_seconds);
    json(response, 200, { injected: fault.count });
  }

  private async push(response: ServerResponse, ref: string): Promise<void> {
    const sent = await this.pushState(decodeURIComponent(ref));
    json(response, 200, { delivered_status: sent.status });
  }
}
