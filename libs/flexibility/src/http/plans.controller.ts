import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { CorrelationContext, ProblemException } from '@vpp/observability';
import { DeliveryDay } from '@vpp/units';
import { PlanQueries, scheduleCsv, type PlanRunView, type SchedulePage } from '../application/planning/plan.queries';
import { RequestPlanUseCase, type RequestedPlan } from '../application/planning/request-plan.use-case';
import { requestPlanSchema, scheduleQuerySchema, type RequestPlanBody, type ScheduleQuery } from './schemas/plans.schemas';
import { openApiSchema, ZodValidationPipe } from './zod-edge';
import './flexibility-error-statuses';

function deliveryDayOf(text: string): DeliveryDay {
  try {
    return DeliveryDay.of(text);
  } catch {
    throw new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', '1 field(s) are invalid.', {
      errors: [{ field: 'deliveryDay', messages: ['a delivery day YYYY-MM-DD that exists'] }],
    });
  }
}

/**
 * Plans of an operator's portfolio (issue 4): ask for one now (202, the planner's job does the
 * work) and read it back: status, objective, the portfolio per ISP, the session schedules paged
 * as JSON or CSV.
 */
@ApiTags('portfolios')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/portfolios/:portfolioId/plans')
@Roles('operator')
@NoDelegation()
export class PlansController {
  constructor(
    private readonly requestPlan: RequestPlanUseCase,
    private readonly plans: PlanQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Plan the delivery day as known now; 202 with the run id (the same second and day give the same run)' })
  @ApiBody({ schema: openApiSchema(requestPlanSchema) })
  request(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Body(new ZodValidationPipe(requestPlanSchema)) body: RequestPlanBody,
  ): Promise<RequestedPlan> {
    const correlationId = CorrelationContext.currentId() ?? CorrelationContext.newCorrelationId();
    return this.requestPlan.execute(scope, portfolioId, deliveryDayOf(body.deliveryDay), correlationId);
  }

  @Get(':runId')
  @ApiOperation({ summary: 'Status, objective, assumptions and the portfolio per ISP (planned kW, reserve availability at the quantile, virtual battery)' })
  run(@Tenant() scope: TenantScope, @Param('portfolioId', ParseUUIDPipe) portfolioId: string, @Param('runId', ParseUUIDPipe) runId: string): Promise<PlanRunView> {
    return this.plans.run(scope, portfolioId, runId);
  }

  @Get(':runId/schedule')
  @ApiOperation({ summary: 'Session schedules per ISP (kW), paged by offset/limit; format=csv for text/csv' })
  async schedule(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Param('runId', ParseUUIDPipe) runId: string,
    @Query(new ZodValidationPipe(scheduleQuerySchema)) query: ScheduleQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SchedulePage | string> {
    const page = await this.plans.schedule(scope, portfolioId, runId, query.offset, query.limit);
    if (query.format === 'json') return page;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    if (page.nextOffset !== null) void reply.header('x-next-offset', String(page.nextOffset));
    return scheduleCsv(page);
  }
}
