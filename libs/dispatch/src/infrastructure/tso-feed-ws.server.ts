import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RPCServer } from 'ocpp-rpc';
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { ActivationIntake } from '../application/activation-intake';
import { TsoFeedCredentials, TsoFeedPrincipal } from '../application/tso-feed-credentials';
import { tsoFeedMessageSchema } from '../application/tso-feed-messages';

/** The TSO connects to `ws://host:<DISPATCH_TSO_WS_PORT>/tso-feed/<portfolioId>` with this subprotocol. */
export const TSO_FEED_WS_ENDPOINT = '/tso-feed';
export const TSO_FEED_SUBPROTOCOL = 'vpp-tso-feed.1';
/** The one RPC method: params are one feed message (see tso-feed-messages.ts); the result is the intake outcome. */
export const TSO_FEED_METHOD = 'FeedMessage';

/**
 * The TSO's WebSocket feed: RPC framing from ocpp-rpc (a CALL per message, answered with the
 * intake's outcome, so the TSO sees acknowledgements and timeouts), basic auth with the feed key as
 * password and the portfolio id as identity. It listens on its own port: the OCPP CSMS owns the
 * HTTP server's upgrade path in the all-in-one app.
 */
@Injectable()
export class TsoFeedWsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TsoFeedWsServer.name);
  private server?: RPCServer;
  private httpServer?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: TsoFeedCredentials,
    private readonly intake: ActivationIntake,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.dispatch.tsoWsPort === undefined) return;
    const server = new RPCServer({ protocols: [TSO_FEED_SUBPROTOCOL], strictMode: false, pingIntervalMs: 10_000 });
    server.auth((accept, reject, handshake) => {
      if (handshake.endpoint !== TSO_FEED_WS_ENDPOINT || !handshake.protocols.has(TSO_FEED_SUBPROTOCOL) || handshake.password === undefined) {
        reject(401, 'Unauthorized');
        return;
      }
      this.credentials.authenticate(handshake.password.toString('utf8')).then(
        (principal) => (principal.portfolioId === handshake.identity ? accept(principal) : reject(403, 'Forbidden')),
        () => reject(401, 'Unauthorized'),
      );
    });
    server.on('client', (client: RpcServerClient) => this.onClient(client));
    this.server = server;
    this.httpServer = await server.listen(this.config.dispatch.tsoWsPort, this.config.http.host);
    this.logger.log(`TSO feed WebSocket listening on port ${this.port() ?? '?'} at ${TSO_FEED_WS_ENDPOINT}/<portfolioId>`);
  }

  /** The bound port (DISPATCH_TSO_WS_PORT=0 picks a random one, for tests). */
  port(): number | undefined {
    const address = this.httpServer?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close({ code: 1001, reason: 'dispatcher shutting down' });
  }

  private onClient(client: RpcServerClient): void {
    const principal = client.session as TsoFeedPrincipal;
    client.handle(TSO_FEED_METHOD, async ({ params }: { params?: unknown }) => {
      const parsed = tsoFeedMessageSchema.safeParse(params);
      if (!parsed.success) return { outcome: 'rejected', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
      return this.intake.take(principal.portfolioId, parsed.data, 'ws');
    });
    this.logger.log({ portfolioId: principal.portfolioId, feedId: principal.feedId }, 'TSO feed connected');
  }
}
