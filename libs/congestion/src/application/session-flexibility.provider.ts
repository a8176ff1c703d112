import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryDay } from '@vpp/units';
import { CongestionFlexibility, CongestionFlexibilityProvider, flexibilityFromSessions, SessionWindow } from '../domain/congestion-flexibility';
import { eanOf } from '../domain/entity-address';
import { UftpCongestionPointEntity } from '../infrastructure/uftp-congestion-point.entity';

const ISP_MS = 15 * 60_000;

/**
 * The first implementation of the portfolio seam (`sessions-max-power-v1`, see
 * `flexibilityFromSessions`): the fleet sessions behind a congestion point, i.e. at sites whose
 * grid connection EAN is the point's EAN, or whose congestion area is the one registered with the
 * point, plugged in during the day. Read-only SQL on the fleet tables; the optimiser replaces it.
 */
@Injectable()
export class SessionFlexibilityProvider implements CongestionFlexibilityProvider {
  constructor(private readonly dataSource: DataSource) {}

  async flexibilityAt(congestionPoint: string, period: string): Promise<CongestionFlexibility> {
    const day = DeliveryDay.of(period);
    const area = (await this.dataSource.getRepository(UftpCongestionPointEntity).findOneBy({ entityAddress: congestionPoint }))?.congestionArea ?? null;
    const rows: { arrival: Date; departure: Date; max_kw: number | null; need_kwh: number | null }[] = await this.dataSource.query(
      `SELECT s.arrival_at AS arrival,
              COALESCE(s.actual_departure_at, s.expected_departure_at) AS departure,
              COALESCE(s.max_power_kw, e.max_power_kw)::double precision AS max_kw,
              COALESCE(s.energy_need_kwh, NULLIF(s.energy_delivered_kwh, 0))::double precision AS need_kwh
         FROM sessions s
         JOIN evses e ON e.id = s.evse_id
         JOIN grid_connections g ON g.site_id = e.site_id
        WHERE (g.ean = $1 OR ($2::text IS NOT NULL AND g.congestion_area = $2))
          AND s.unusable_reason IS NULL
          AND s.arrival_at < $4
          AND COALESCE(s.actual_departure_at, s.expected_departure_at) > $3`,
      [eanOf(congestionPoint) ?? '', area, day.start, day.end],
    );
    const sessions: SessionWindow[] = rows
      .filter((row) => row.max_kw !== null)
      .map((row) => ({ arrival: row.arrival, departure: row.departure, maxPowerKw: row.max_kw ?? 0, energyNeedKwh: row.need_kwh }));
    const starts = day.isps().map((isp) => isp.start.getTime());
    const { downKw, upKw } = flexibilityFromSessions(sessions, starts, ISP_MS);
    return { congestionPoint, period, downKw, upKw, method: 'sessions-max-power-v1', sessionCount: sessions.length };
  }
}
