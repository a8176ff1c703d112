import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { ProblemException } from '@vpp/observability';
import type { FleetReport } from '../../application/reports/fleet-report';
import { fleetReportCsv } from '../../application/reports/fleet-report.csv';
import { FleetReportUseCase } from '../../application/reports/fleet-report.use-case';
import { reportPeriodOf, type ReportPeriod } from '../../application/reports/report-period';
import { renderFleetReportPdf } from '../../infrastructure/reports/fleet-report.pdf';

const FORMATS = ['json', 'csv', 'pdf'] as const;
type ReportFormat = (typeof FORMATS)[number];

function invalid(field: string, message: string): ProblemException {
  return new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', '1 field(s) are invalid.', { errors: [{ field, messages: [message] }] });
}

function periodOf(text: string): ReportPeriod {
  const period = reportPeriodOf(text);
  if (!period) throw invalid('period', 'a delivery day YYYY-MM-DD or a month YYYY-MM');
  return period;
}

function formatOf(text: string | undefined): ReportFormat {
  const format = FORMATS.find((f) => f === (text ?? 'json'));
  if (!format) throw invalid('format', 'json, csv or pdf');
  return format;
}

/**
 * Fleet owners' settlement reports (issue 7 item 5) per delivery day or month: energy, flexibility
 * and revenue per market, each stakeholder's share, per vehicle and session, the mobility
 * promise. JSON, CSV (RFC 4180) or PDF with charts. Only the fleet's own organisation (or an
 * operator acting for it) sees it.
 */
@ApiTags('settlement')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/fleets/:fleetId/settlement-reports')
@Roles('fleet_owner', 'operator')
export class SettlementReportsController {
  constructor(private readonly reports: FleetReportUseCase) {}

  @Get(':period')
  @ApiOperation({ summary: 'The fleet report of a delivery day (YYYY-MM-DD) or month (YYYY-MM); format=json|csv|pdf' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  async report(
    @Tenant() scope: TenantScope,
    @Param('fleetId', ParseUUIDPipe) fleetId: string,
    @Param('period') periodText: string,
    @Query('format') formatText: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FleetReport | string | Buffer> {
    const format = formatOf(formatText);
    const report = await this.reports.execute(scope, fleetId, periodOf(periodText));
    if (format === 'json') return report;
    const file = `settlement-${report.fleetId}-${report.period.label}`;
    if (format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`);
      return fleetReportCsv(report);
    }
    void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${file}.pdf"`);
    return renderFleetReportPdf(report);
  }
}
