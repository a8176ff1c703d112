import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RPCServer } from 'ocpp-rpc';
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import type { IHandshakeInterface } from 'ocpp-rpc/lib/server-client';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { AuthenticateStationUseCase } from '../application/authenticate-station.use-case';
import { RecordStationConnectedUseCase } from '../application/record-station-connected.use-case';
import { RecordStationDisconnectedUseCase } from '../application/record-station-disconnected.use-case';
import type { ConnectedStation, StationPrincipal } from '../application/station-principal';
import { isOcppSubprotocol, OCPP_SUBPROTOCOLS } from '../protocol/ocpp-messages';
import { CsmsCallHandlers } from './csms-call-handlers';
import { ocppConnectedStations } from './ocpp-metrics';
import { OCPP_STRICT_VALIDATORS } from './ocpp-validators';
import { StationConnections, StationLink } from './station-connections';

/** Stations connect to `ws(s)://<host>:<port>/ocpp/<stationId>` (2.0.1 Part 4, 3.1.1 connection URL). */
export const OCPP_ENDPOINT = '/ocpp';

/**
 * The CSMS: an ocpp-rpc RPCServer for ocpp2.1 and ocpp2.0.1 in strict mode. By default it shares
 * the app's HTTP server (Fastify's node server `upgrade` event), so one port and one TLS
 * termination serve both; with OCPP_PORT it listens on its own port instead.
 */
@Injectable()
export class OcppCsmsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OcppCsmsServer.name);
  private server?: RPCServer;
  private attachedTo?: Server;
  private ownServer?: Server;
  private readonly pendingWrites = new Set<Promise<unknown>>();
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '/').split('?')[0];
    // Other upgrade paths are not ours; refuse them rather than leave the socket hanging.
    if (!path.startsWith(`${OCPP_ENDPOINT}/`) || !this.server) {
      socket.destroy();
      return;
    }
    void this.server.handleUpgrade(request, socket as Parameters<RPCServer['handleUpgrade']>[1], head);
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authenticate: AuthenticateStationUseCase,
    private readonly connected: RecordStationConnectedUseCase,
    private readonly disconnected: RecordStationDisconnectedUseCase,
    private readonly handlers: CsmsCallHandlers,
    private readonly connections: StationConnections,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = new RPCServer({
      protocols: [...OCPP_SUBPROTOCOLS],
      strictMode: true,
      strictModeValidators: OCPP_STRICT_VALIDATORS,
      callTimeoutMs: this.config.ocpp.callTimeoutMs,
      pingIntervalMs: this.config.ocpp.pingIntervalMs,
    });
    server.auth((accept, reject, handshake) => {
      this.track(this.authorise(handshake).then((session) => (session ? accept(session) : reject(401, 'Unauthorized')), () => reject(500, 'Internal error')));
    });
    server.on('client', (client: RpcServerClient) => this.track(this.onClient(client)));
    this.server = server;
    if (this.config.ocpp.port !== undefined) {
      this.ownServer = await server.listen(this.config.ocpp.port, this.config.http.host);
      this.logger.log(`OCPP CSMS listening on its own port ${this.port() ?? '?'} at ${OCPP_ENDPOINT}/<stationId>`);
      return;
    }
    const httpServer = this.adapterHost?.httpAdapter?.getHttpServer() as Server | undefined;
    if (!httpServer) throw new Error('OCPP CSMS: no HTTP server to attach to and no OCPP_PORT set');
    httpServer.on('upgrade', this.onUpgrade);
    this.attachedTo = httpServer;
  }

  /** The port of the CSMS's own server when OCPP_PORT is set (0 = random, for tests). */
  port(): number | undefined {
    const address = this.ownServer?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.attachedTo?.off('upgrade', this.onUpgrade);
    await this.server?.close({ code: 1001, reason: 'CSMS shutting down' });
    // Disconnect bookkeeping must land before the database pool closes.
    await Promise.allSettled([...this.pendingWrites]);
  }

  private async authorise(handshake: IHandshakeInterface): Promise<StationPrincipal | null> {
    if (handshake.endpoint !== OCPP_ENDPOINT) return null;
    if (!OCPP_SUBPROTOCOLS.some((p) => handshake.protocols.has(p))) return null;
    return this.authenticate.execute(handshake.identity, handshake.password);
  }

  private async onClient(client: RpcServerClient): Promise<void> {
    const protocol = client.protocol;
    if (!isOcppSubprotocol(protocol)) {
      await client.close({ code: 1002, reason: 'no OCPP 2.x subprotocol negotiated' });
      return;
    }
    const station: ConnectedStation = { ...(client.session as StationPrincipal), protocol };
    const link: StationLink = { station, call: (action, params, timeoutMs) => client.call(action, params, { callTimeoutMs: timeoutMs }) };
    // Handlers first, synchronously: the station may send its BootNotification right away.
    this.handlers.register(client, station);
    const ready = this.connected.execute(station, new Date());
    // The disconnect write waits for the connect write, so a quick drop cannot leave connected=true.
    client.once('close', () => this.track(ready.then(() => this.onClose(link))));
    const previous = this.connections.add(link);
    ocppConnectedStations.set(this.connections.size);
    if (previous) this.logger.warn({ stationId: station.stationId }, 'station reconnected while an older socket was open; the new one wins');
    await ready;
    this.logger.log({ stationId: station.stationId, protocol }, 'OCPP station connected');
  }

  private async onClose(link: StationLink): Promise<void> {
    if (!this.connections.remove(link)) return;
    ocppConnectedStations.set(this.connections.size);
    const { staleTransactions } = await this.disconnected.execute(link.station.id, new Date());
    this.logger.log({ stationId: link.station.stationId, staleTransactions }, 'OCPP station disconnected');
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch((error: unknown) => this.logger.error({ err: error }, 'OCPP connection bookkeeping failed'));
    this.pendingWrites.add(guarded);
    void guarded.finally(() => this.pendingWrites.delete(guarded));
  }
}
