import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The whole request body as UTF-8 text. */
export function readRequestBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** The plain node:http server a simulated counterparty listens with, on 127.0.0.1 only. */
export class LoopbackHttpServer {
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly handler: LoopbackHandler) {}

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (any free one by default) and returns the URL. */
  async start(port = 0): Promise<string> {
    const server = createServer((request, response) => void this.handler(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
