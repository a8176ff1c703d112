import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { RecordChannelLatencyUseCase } from '@vpp/fleet';
import { OemError } from '../domain/oem.errors';
import { verifyWebhook } from '../domain/webhook-signature';
import { OemCommandEntity } from '../infrastructure/oem-command.entity';
import { OemLinkEntity } from '../infrastructure/oem-link.entity';
import { OemWebhookDeliveryEntity } from '../infrastructure/oem-webhook-delivery.entity';
import { OemWebhook, toVehicleState, webhookWireSchema } from '../infrastructure/oem-wire.schemas';
import { OemClouds } from './oem-clouds';
import { OemSessionTracker } from './oem-session-tracker';
import { storeVehicleStateIfNewer } from './vehicle-state.store';
import { VehicleStateTelemetry } from './vehicle-state-telemetry';

export interface WebhookDelivery {
  readonly signatureHeader: string | undefined;
  readonly timestampHeader: string | undefined;
  readonly rawBody: string;
}

export type WebhookOutcome = 'state-stored' | 'state-older' | 'command-applied' | 'command-failed' | 'command-unknown';

/**
 * A signed push from an OEM cloud: signature, time stamp and replay are checked before anything
 * is parsed or stored; the delivery id is recorded in the same transaction as its effect, so a
 * replay inside the tolerance window hits the primary key and changes nothing.
 */
@Injectable()
export class IngestOemWebhookUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clouds: OemClouds,
    private readonly recordLatency: RecordChannelLatencyUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly telemetry: VehicleStateTelemetry,
    private readonly sessions: OemSessionTracker,
  ) {}

  async execute(oem: string, delivery: WebhookDelivery): Promise<WebhookOutcome> {
    const cloud = this.clouds.config(oem);
    const receivedAt = new Date();
    verifyWebhook(cloud.webhookSecret, delivery, receivedAt, this.config.oem.webhookToleranceSeconds);
    const webhook = this.parse(delivery.rawBody);
    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO oem_webhook_deliveries (oem, delivery_id, received_at) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT pk_oem_webhook_deliveries DO NOTHING RETURNING 1`,
        [oem, webhook.delivery_id, receivedAt],
      );
      if (fresh.length === 0) throw new OemError('OEM_WEBHOOK_REPLAYED', `delivery ${webhook.delivery_id} was already received`);
      await this.pruneDeliveries(manager, oem, receivedAt);
      const link = await manager.findOne(OemLinkEntity, { where: { oem, oemVehicleRef: webhook.vehicle_id } });
      if (!link) throw new OemError('OEM_LINK_NOT_FOUND', `no vehicle of ours is linked to ${oem} vehicle ${webhook.vehicle_id}`);
      if (webhook.type === 'vehicle.state') {
        const state = toVehicleState(webhook.state);
        const stored = await storeVehicleStateIfNewer(manager, link, state, 'webhook', receivedAt);
        // A late state is a reading all the same. Its session (plug-in opens one, unplug closes it)
        // and meter value are written (idempotently, in their own transactions) before the
        // delivery id commits: if they fail, the OEM's retry is not refused as a replay.
        const change = await this.sessions.track(link, state, receivedAt);
        await this.telemetry.record(link.vehicleId, state);
        if (change.sessionId !== null) await this.sessions.recordDelivered(change.sessionId, state, receivedAt);
        return stored ? 'state-stored' : 'state-older';
      }
      return this.applyCommandResult(manager, link, webhook, receivedAt);
    });
  }

  private parse(rawBody: string): OemWebhook {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new OemError('OEM_WEBHOOK_INVALID', 'webhook body is not JSON');
    }
    const parsed = webhookWireSchema.safeParse(json);
    if (!parsed.success) throw new OemError('OEM_WEBHOOK_INVALID', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return parsed.data;
  }

  /**
   * Command to effect: from when we sent the command to when the OEM's result reached us. That is
   * what a dispatcher experiences, so it is what the `oem` channel's latency estimate learns.
   */
  private async applyCommandResult(
    manager: EntityManager,
    link: OemLinkEntity,
    webhook: Extract<OemWebhook, { type: 'command.result' }>,
    receivedAt: Date,
  ): Promise<WebhookOutcome> {
    const command = await manager.findOne(OemCommandEntity, { where: { id: webhook.command.request_id, oemLinkId: link.id }, lock: { mode: 'pessimistic_write' } });
    if (!command || command.status === 'applied' || command.status === 'failed') return 'command-unknown';
    const latencyMs = Math.max(0, receivedAt.getTime() - command.sentAt.getTime());
    const applied = webhook.command.status === 'applied';
    await manager.update(
      OemCommandEntity,
      { id: command.id },
      { status: applied ? 'applied' : 'failed', appliedAt: applied ? webhook.command.applied_at : null, latencyMs, failureCode: applied ? null : 'OEM_REPORTED_FAILURE' },
    );
    if (applied) await this.recordLatency.execute(manager, 'oem', link.oem, latencyMs, receivedAt);
    return applied ? 'command-applied' : 'command-failed';
  }

  private async pruneDeliveries(manager: EntityManager, oem: string, now: Date): Promise<void> {
    // Deliveries older than twice the tolerance are refused by their time stamp anyway.
    const horizon = new Date(now.getTime() - 2 * this.config.oem.webhookToleranceSeconds * 1000);
    await manager.delete(OemWebhookDeliveryEntity, { oem, receivedAt: LessThan(horizon) });
  }
}
