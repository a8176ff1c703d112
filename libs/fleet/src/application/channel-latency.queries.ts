import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TenantScope } from '@vpp/access';

export interface ChannelLatencyView {
  readonly channel: string;
  /** `partyKey(...)` for OCPI and OCPP (`NL*ABC`, `NL*<operator organisation id>`), the OEM cloud's name for `oem`. */
  readonly party: string;
  readonly sampleCount: number;
  readonly meanMs: number;
  readonly p95Ms: number;
  readonly lastMs: number;
  readonly lastMeasuredAt: string;
}

/**
 * The running command-to-effect estimates (read-only) of the channels that steer the tenant's
 * fleets: OCPI and OCPP parties carrying sessions of its fleets (matched through the sessions'
 * external ids) and the OEM clouds its vehicles are linked to (`oem_links`, read here only). An
 * estimate covers a party, not a tenant, so tenants sharing a CPO see the same figures; parties
 * of other tenants (an OCPP party key holds the depot operator's organisation id) stay hidden.
 */
@Injectable()
export class ChannelLatencyQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: TenantScope): Promise<ChannelLatencyView[]> {
    const rows: { channel: string; party: string; sample_count: number; mean_ms: number; p95_ms: number; last_ms: number; last_measured_at: Date }[] =
      await this.dataSource.query(
        `SELECT l.channel, l.party, l.sample_count, l.mean_ms, l.p95_ms, l.last_ms, l.last_measured_at FROM channel_latency l
          WHERE (l.channel IN ('ocpi', 'ocpp') AND l.party IN (
                  SELECT x.country_code || '*' || x.party_id FROM external_ids x
                    JOIN sessions s ON s.id = x.entity_id JOIN fleets f ON f.id = s.fleet_id
                   WHERE x.entity_type = 'session' AND f.organisation_id = $1 AND s.control_channel = l.channel))
             OR (l.channel = 'oem' AND l.party IN (SELECT o.oem FROM oem_links o WHERE o.organisation_id = $1))
          ORDER BY l.channel, l.party`,
        [scope.organisationId],
      );
    return rows.map((row) => ({
      channel: row.channel, party: row.party, sampleCount: row.sample_count, meanMs: row.mean_ms, p95Ms: row.p95_ms, lastMs: row.last_ms,
      lastMeasuredAt: row.last_measured_at.toISOString(),
    }));
  }
}
