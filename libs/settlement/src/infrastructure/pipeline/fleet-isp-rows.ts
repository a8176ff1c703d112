import { Decimal } from '@vpp/units';
import type { MeteredIsp } from '../../domain/delivery/settled-inputs';
import type { SettlementBasis } from '../../domain/settlement-vocabulary';

/** One fleet's metered energy in one ISP, as `settlement_meter_isp` and `LOCATED_METER_SQL` return it. */
export interface FleetIspRow {
  fleet_id: string;
  isp_start: Date;
  charged_kwh: string;
  discharged_kwh: string;
  baseline_kwh: string;
  basis: SettlementBasis;
}

/** The rows grouped per fleet, keeping their order. */
export function meteredIspsByFleet(rows: readonly FleetIspRow[]): Map<string, MeteredIsp[]> {
  const byFleet = new Map<string, MeteredIsp[]>();
  for (const row of rows) {
    const list = byFleet.get(row.fleet_id) ?? [];
    list.push({
      ispStart: row.isp_start,
      chargedKwh: new Decimal(row.charged_kwh),
      dischargedKwh: new Decimal(row.discharged_kwh),
      baselineKwh: new Decimal(row.baseline_kwh),
      basis: row.basis,
    });
    byFleet.set(row.fleet_id, list);
  }
  return byFleet;
}
