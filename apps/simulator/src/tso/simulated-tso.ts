import { RPCClient } from 'ocpp-rpc';
import type { RPC_ClientOptions } from 'ocpp-rpc/lib/client';
import { TSO_FEED_METHOD, TSO_FEED_SUBPROTOCOL, type TsoFeedMessage } from '@vpp/dispatch';
import { DERIVED_AFRR_LABEL, deriveAfrrSetpoints, type DerivedSetpoint } from './afrr-from-frequency';
import { type FrequencySample, readFrequencyRecording } from './frequency-recording';

export interface SimulatedTsoOptions {
  readonly portfolioId: string;
  /** The feed key issued for the portfolio (TsoFeedCredentials.issue). */
  readonly apiKey: string;
  /** `ws://host:port/tso-feed` (the portfolio id is appended) or the dispatcher's HTTP base URL. */
  readonly transport: { readonly kind: 'ws'; readonly endpoint: string } | { readonly kind: 'http'; readonly baseUrl: string };
  /** A frequency recording in the data/ layout. */
  readonly frequencyFile: string;
  readonly afrrCapacityMw: number;
  /**
   * Up- and down-regulation capacity when they differ (a portfolio awarded up only gets no negative
   * setpoint): the derived setpoint is clamped to [-down, up]; afrrCapacityMw each when unset.
   */
  readonly afrrUpCapacityMw?: number;
  readonly afrrDownCapacityMw?: number;
  /** Also send the frequency samples (for FCR-awarded capacity). */
  readonly sendFrequency: boolean;
  /** Fast-forward for run(): 1 = real time (a setpoint every 4 s); 40 = every 100 ms. Issued timestamps stay wall-clock, as a TSO's would. */
  readonly speedup: number;
  /** Stop after this many setpoints (tests); all of the recording when unset. */
  readonly maxSetpoints?: number;
}

export interface TsoRunSummary {
  readonly label: typeof DERIVED_AFRR_LABEL;
  readonly setpoints: number;
  readonly frequencySamples: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/**
 * A TSO's activation feed for one portfolio: aFRR setpoints every 4 s DERIVED from a real frequency
 * recording (see deriveAfrrSetpoints; every message is labelled `derived`), and the frequency itself
 * for FCR, sent over the dispatcher's WebSocket feed or HTTP like a TSO would, on loopback.
 */
export class SimulatedTso {
  private client?: RPCClient;
  private stopped = false;
  private readonly outcomes: Record<string, number> = {};
  private samples: FrequencySample[] = [];
  private setpoints: DerivedSetpoint[] = [];
  private sampleIndex = 0;
  private sequence = Date.now();
  private setpointsSent = 0;
  private frequencySent = 0;

  constructor(private readonly options: SimulatedTsoOptions) {}

  async run(): Promise<TsoRunSummary> {
    const count = await this.open();
    const periodMs = 4_000 / this.options.speedup;
    for (let k = 0; k < count && !this.stopped; k++) {
      await this.sendSlot(k, new Date());
      if (k + 1 < count) await new Promise((resolve) => setTimeout(resolve, periodMs));
    }
    return this.summary();
  }

  /**
   * Reads the recording, derives the setpoints and connects the feed; returns how many 4-s slots
   * there are. `run()` does this itself; a caller that steps simulated time (the demo) calls it once
   * and then `sendSlot` per slot.
   */
  async open(): Promise<number> {
    this.samples = await readFrequencyRecording(this.options.frequencyFile);
    this.setpoints = deriveAfrrSetpoints(this.samples, { capacityMw: this.options.afrrCapacityMw });
    this.sampleIndex = 0;
    if (this.options.transport.kind === 'ws') await this.connect(this.options.transport.endpoint);
    return Math.min(this.setpoints.length, this.options.maxSetpoints ?? this.setpoints.length);
  }

  /**
   * Sends slot `k`'s setpoint stamped `issuedAt = at` (and, with sendFrequency, the recording's
   * samples up to the slot, each stamped `at` less its age in the recording). `run()` passes the wall
   * clock; the demo passes its simulated instant, so the messages carry the simulated day's time.
   */
  async sendSlot(k: number, at: Date): Promise<DerivedSetpoint> {
    const slot = this.setpoints[k];
    if (slot === undefined) throw new Error(`no setpoint slot ${k} (${this.setpoints.length} derived; open() first)`);
    if (this.options.sendFrequency) {
      const due = samplesUpTo(this.samples, this.sampleIndex, slot.recordedAtMs);
      for (const sample of due.samples) {
        await this.send({ type: 'frequency', measuredAt: new Date(at.getTime() - (slot.recordedAtMs - sample.atMs)).toISOString(), frequencyHz: 50 + sample.deviationMicroHz / 1_000_000, label: DERIVED_AFRR_LABEL });
        this.frequencySent++;
      }
      this.sampleIndex = due.next;
    }
    this.sequence += 1;
    this.setpointsSent += 1;
    const up = this.options.afrrUpCapacityMw ?? this.options.afrrCapacityMw;
    const down = this.options.afrrDownCapacityMw ?? this.options.afrrCapacityMw;
    const clamped = Math.min(up, Math.max(-down, slot.setpointMw));
    const sent = clamped === slot.setpointMw ? slot : { ...slot, setpointMw: clamped };
    await this.send(setpointMessage(this.sequence, sent, at));
    return sent;
  }

  summary(): TsoRunSummary {
    return { label: DERIVED_AFRR_LABEL, setpoints: this.setpointsSent, frequencySamples: this.frequencySent, outcomes: { ...this.outcomes } };
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.client?.close({ code: 1000, reason: 'simulated TSO done' });
  }

  private async connect(endpoint: string): Promise<void> {
    const options: Partial<RPC_ClientOptions> = {
      endpoint,
      identity: this.options.portfolioId,
      password: this.options.apiKey,
      protocols: [TSO_FEED_SUBPROTOCOL],
      strictMode: false,
      reconnect: true,
      callTimeoutMs: 10_000,
    };
    this.client = new RPCClient(options as RPC_ClientOptions);
    await this.client.connect();
  }

  private async send(message: TsoFeedMessage): Promise<void> {
    let outcome: string;
    if (this.options.transport.kind === 'ws') {
      const result = (await this.client?.call(TSO_FEED_METHOD, message)) as { outcome?: string } | undefined;
      outcome = result?.outcome ?? 'no-answer';
    } else {
      const response = await fetch(`${this.options.transport.baseUrl}/v1/dispatch/tso-feed/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.options.apiKey },
        body: JSON.stringify(message),
      });
      const body = (await response.json()) as { outcomes?: string[] };
      outcome = response.ok ? (body.outcomes?.[0] ?? 'no-answer') : `http-${response.status}`;
    }
    const key = `${message.type}:${outcome}`;
    this.outcomes[key] = (this.outcomes[key] ?? 0) + 1;
  }
}

function setpointMessage(sequence: number, slot: DerivedSetpoint, issuedAt: Date): TsoFeedMessage {
  return { type: 'afrr-setpoint', sequence, issuedAt: issuedAt.toISOString(), setpointMw: slot.setpointMw, label: `${DERIVED_AFRR_LABEL}:${new Date(slot.recordedAtMs).toISOString()}` };
}

function samplesUpTo(samples: readonly FrequencySample[], from: number, untilMs: number): { samples: FrequencySample[]; next: number } {
  let next = from;
  while (next < samples.length && samples[next].atMs < untilMs) next++;
  return { samples: samples.slice(from, next), next };
}
