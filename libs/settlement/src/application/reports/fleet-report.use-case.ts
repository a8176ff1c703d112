import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@vpp/access';
import { FleetReportQueries } from '../../infrastructure/reports/fleet-report.queries';
import type { FleetReport } from './fleet-report';
import type { ReportPeriod } from './report-period';

/**
 * A fleet's report for its owner: a fleet of another organisation is reported as not found,
 * never as forbidden (the tenant rule of every /v1 read).
 */
@Injectable()
export class FleetReportUseCase {
  constructor(private readonly queries: FleetReportQueries) {}

  async execute(scope: TenantScope, fleetId: string, period: ReportPeriod): Promise<FleetReport> {
    const fleet = scope.requireOwned(await this.queries.fleet(fleetId), 'fleet');
    return this.queries.report(fleet, period);
  }
}
