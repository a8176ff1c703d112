import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { ProblemException } from '@vpp/observability';
import { DeliveryDay } from '@vpp/units';
import { reportPeriodOf } from '../../application/reports/report-period';
import { CounterpartyStatementsQueries } from '../../infrastructure/reports/counterparty-statements.queries';
import type { BrpImbalanceStatement, DsoFlexSettlement } from '../../infrastructure/reports/counterparty-statements.queries';

function invalid(field: string, message: string): ProblemException {
  return new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', '1 field(s) are invalid.', { errors: [{ field, messages: [message] }] });
}

/**
 * Statements for the counterparties of our portfolios (issue 7 item 5): BRPs read the imbalance
 * adjustment of the portfolios in their perimeter, DSOs the FlexSettlements of their own UFTP
 * FlexOrders. Each sees only its own organisation's.
 */
@ApiTags('settlement')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/settlement')
export class CounterpartyStatementsController {
  constructor(private readonly queries: CounterpartyStatementsQueries) {}

  @Get('imbalance-adjustments/:deliveryDay')
  @Roles('brp')
  @ApiOperation({ summary: 'Per portfolio in the BRP perimeter and ISP: energy transferred and its price (day-ahead transfer rule, ASSUMED)' })
  imbalanceAdjustments(@Tenant() scope: TenantScope, @Param('deliveryDay') text: string): Promise<BrpImbalanceStatement[]> {
    const period = reportPeriodOf(text);
    if (!period || period.kind !== 'day') throw invalid('deliveryDay', 'a delivery day YYYY-MM-DD');
    return this.queries.brpImbalanceAdjustments(scope.organisationId, DeliveryDay.of(period.label));
  }

  @Get('flex-settlements/:period')
  @Roles('dso')
  @ApiOperation({ summary: "The DSO's UFTP FlexSettlements (Price - Penalty per FlexOrder) of a day (YYYY-MM-DD) or month (YYYY-MM)" })
  flexSettlements(@Tenant() scope: TenantScope, @Param('period') text: string): Promise<DsoFlexSettlement[]> {
    const period = reportPeriodOf(text);
    if (!period) throw invalid('period', 'a delivery day YYYY-MM-DD or a month YYYY-MM');
    return this.queries.dsoFlexSettlements(scope.organisationId, period.fromDate, period.toDate);
  }
}
