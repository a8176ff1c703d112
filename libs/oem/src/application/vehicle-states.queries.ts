import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, TenantScope } from '@vpp/access';
import { ageOf } from '../domain/vehicle-state';
import { OemCloudStatusEntity } from '../infrastructure/oem-cloud-status.entity';
import { OemLinkEntity } from '../infrastructure/oem-link.entity';
import { VehicleStateEntity } from '../infrastructure/vehicle-state.entity';

export interface VehicleStateView {
  readonly vehicleId: string;
  readonly oem: string;
  /** null until the OEM has answered once. */
  readonly state: {
    socPct: string;
    pluggedIn: boolean;
    chargingPowerKw: string;
    observedAt: string;
    receivedAt: string;
    source: string;
    ageSeconds: number;
  } | null;
  /** Whether the OEM answered the last polling round; when not, `state` is the last known one. */
  readonly oemStatus: { backingOffUntil: string | null; consecutiveFailures: number; lastErrorCode: string | null };
}

@Injectable()
export class VehicleStatesQueries {
  constructor(private readonly dataSource: DataSource) {}

  async latest(scope: TenantScope, vehicleId: string, now: Date = new Date()): Promise<VehicleStateView> {
    const link = await this.dataSource.getRepository(OemLinkEntity).findOne({ where: { vehicleId, organisationId: scope.organisationId } });
    if (!link) throw notFound('vehicle');
    const row = await this.dataSource.getRepository(VehicleStateEntity).findOne({ where: { oemLinkId: link.id } });
    // Written by the polling connector, so every process shows the same OEM status.
    const status = await this.dataSource.getRepository(OemCloudStatusEntity).findOne({ where: { oem: link.oem } });
    return {
      vehicleId,
      oem: link.oem,
      state: row
        ? {
            socPct: row.socPct.toFixed(2),
            pluggedIn: row.pluggedIn,
            chargingPowerKw: row.chargingPowerKw.toFixed(3),
            observedAt: row.observedAt.toISOString(),
            receivedAt: row.receivedAt.toISOString(),
            source: row.source,
            ageSeconds: ageOf(row, now),
          }
        : null,
      oemStatus: {
        backingOffUntil: status?.backingOffUntil?.toISOString() ?? null,
        consecutiveFailures: status?.consecutiveFailures ?? 0,
        lastErrorCode: status?.lastErrorCode ?? null,
      },
    };
  }
}
