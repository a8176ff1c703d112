import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackHttpServer, readRequestBody } from '../loopback-http-server';

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type JsonRoute = (query: URLSearchParams, body: unknown) => JsonAnswer | Promise<JsonAnswer>;

/**
 * The simulated counterparties' small JSON server on 127.0.0.1 (`METHOD /path` routes). It can
 * be taken "down" (every request answered 503) to play a counterparty outage at a gate.
 */
export class JsonHttpServer {
  private readonly http = new LoopbackHttpServer((request, response) => this.handle(request, response));
  private down = false;

  constructor(private readonly routes: Readonly<Record<string, JsonRoute>>) {}

  get url(): string {
    return this.http.url;
  }

  /** While down, every request is answered 503 (the process is up, the platform is not). */
  setDown(down: boolean): void {
    this.down = down;
  }

  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (answer: JsonAnswer): void => {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    };
    try {
      const text = await readRequestBody(request);
      if (this.down) return send({ status: 503, body: { error: 'platform unavailable' } });
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const route = this.routes[`${request.method ?? 'GET'} ${url.pathname}`];
      if (!route) return send({ status: 404, body: { error: `no route ${request.method ?? ''} ${url.pathname}` } });
      let body: unknown;
      try {
        body = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        return send({ status: 400, body: { error: 'body is not JSON' } });
      }
      send(await route(url.searchParams, body));
    } catch (error) {
      send({ status: 500, body: { error: error instanceof Error ? error.message : String(error) } });
    }
  }
}
