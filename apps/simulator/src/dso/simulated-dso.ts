import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  buildSignedMessageXml,
  buildUftpXml,
  encodeCs1PublicKey,
  InboundUftpMessage,
  openSealedMessage,
  parseCs1PublicKey,
  parseSignedMessageXml,
  parseUftpXml,
  sealMessage,
  UFTP_MESSAGE_PATH,
  UFTP_VERSION,
  UftpMessage,
  UftpMetadata,
} from '@vpp/congestion';
import { LoopbackHttpServer, readRequestBody } from '../loopback-http-server';

export interface SimulatedDsoOptions {
  /** Our UFTP domain, e.g. `dso.grid.example`. */
  readonly domain: string;
  /** The aggregator's message endpoint, e.g. http://127.0.0.1:3000/shapeshifter/api/v3/message. */
  readonly agrMessageUrl: string;
}

/** A message the DSO received from the aggregator, after verifying its signature. */
export interface DsoReceived {
  readonly senderDomain: string;
  readonly message: UftpMessage;
}

/**
 * A DSO speaking UFTP 3.0 over loopback HTTP: it has its own Ed25519 (+ X25519) key pair and cs1
 * public key, sends signed SignedMessages to the aggregator and receives the aggregator's signed
 * replies on its own endpoint, verifying them with the aggregator's cs1 key. It can be told to
 * answer the next deliveries with an error status, to exercise the aggregator's retries.
 */
export class SimulatedDso {
  readonly received: DsoReceived[] = [];
  /** Deliveries refused with a bad signature or unknown sender (should stay empty). */
  readonly refused: string[] = [];
  private readonly signing = generateKeyPairSync('ed25519');
  private readonly encryption = generateKeyPairSync('x25519');
  private readonly http = new LoopbackHttpServer((request, response) => this.handle(request, response));
  private agrKey: KeyObject | null = null;
  private failures: { count: number; status: number } = { count: 0, status: 503 };

  constructor(private readonly options: SimulatedDsoOptions) {}

  get domain(): string {
    return this.options.domain;
  }

  /** `cs1.` + base64(signing || encryption public key): what the operator registers for us. */
  get publicKey(): string {
    return encodeCs1PublicKey(this.signing.publicKey, this.encryption.publicKey);
  }

  get endpointUrl(): string {
    return `${this.http.url}${UFTP_MESSAGE_PATH}`;
  }

  /** The aggregator's cs1 public key (from GET /v1/congestion/agr-key), to verify what it sends. */
  trustAggregator(cs1PublicKey: string): void {
    this.agrKey = parseCs1PublicKey(cs1PublicKey).signingKey;
  }

  /** Answer the next `count` deliveries with `status` (a DSO that is down). */
  failNext(count: number, status = 503): void {
    this.failures = { count, status };
  }

  async start(): Promise<void> {
    await this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Fresh metadata of a message from this DSO to `recipientDomain`. */
  metadata(recipientDomain: string, conversationId: string = randomUUID()): UftpMetadata {
    return { version: UFTP_VERSION, senderDomain: this.domain, recipientDomain, timeStamp: new Date().toISOString(), messageId: randomUUID(), conversationId };
  }

  /** Signs `message` (or a raw inner XML) and POSTs it; `signWith` lets a test sign with another key. */
  async send(message: InboundUftpMessage | string, signWith: KeyObject = this.signing.privateKey): Promise<{ status: number; text: string }> {
    const inner = typeof message === 'string' ? message : buildUftpXml(message);
    const body = buildSignedMessageXml({ senderDomain: this.domain, senderRole: 'DSO', body: sealMessage(Buffer.from(inner, 'utf8'), signWith) });
    const response = await fetch(this.options.agrMessageUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
    return { status: response.status, text: await response.text() };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readRequestBody(request);
    if (request.method !== 'POST' || request.url !== UFTP_MESSAGE_PATH) return this.answer(response, 404, 'not found');
    if (this.failures.count > 0) {
      this.failures.count -= 1;
      return this.answer(response, this.failures.status, 'simulated outage');
    }
    try {
      const signed = parseSignedMessageXml(body);
      const opened = this.agrKey ? openSealedMessage(signed.body, this.agrKey) : null;
      if (!opened) {
        this.refused.push(signed.senderDomain);
        return this.answer(response, 401, 'signature does not verify');
      }
      this.received.push({ senderDomain: signed.senderDomain, message: parseUftpXml(opened.toString('utf8')) });
      return this.answer(response, 200, '');
    } catch (error) {
      return this.answer(response, 400, error instanceof Error ? error.message : 'bad message');
    }
  }

  private answer(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(text);
  }
}
