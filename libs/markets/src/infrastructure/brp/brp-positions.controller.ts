import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { ProblemException } from '@vpp/observability';
import { DeliveryDay } from '@vpp/units';
import { BrpPartyCodesUseCase, BrpPartyCodeView } from '../../application/brp/brp-party-codes.use-case';
import { BrpPortfolioView, BrpPositionsQueries } from '../../application/brp/brp-positions.queries';
import { BrpPositions, brpPositionsCsv } from '../../domain/brp/brp-positions';
import { BrpPartyCodeDto } from './brp-party-code.dto';

function invalid(field: string, message: string): ProblemException {
  return new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', '1 field(s) are invalid.', { errors: [{ field, messages: [message] }] });
}

function deliveryDayOf(text: string | undefined): DeliveryDay {
  try {
    if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error('format');
    return DeliveryDay.of(text);
  } catch {
    throw invalid('deliveryDay', 'a delivery day YYYY-MM-DD that exists');
  }
}

/**
 * The BRP API (issue 5, item 5): per portfolio the BRP answers for and per ISP of a delivery day,
 * the nominated schedule, the awarded positions per market and the imbalance adjustment our
 * activations cause, as JSON or CSV (`?format=csv`). Portfolios of other BRPs are "not found".
 */
@ApiTags('brp')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/brp/portfolios')
@Roles('brp')
export class BrpPositionsController {
  constructor(private readonly queries: BrpPositionsQueries) {}

  @Get()
  @ApiOperation({ summary: 'The portfolios whose BRP reference is one of this BRP organisation’s party codes' })
  async list(@Tenant() scope: TenantScope): Promise<{ portfolios: BrpPortfolioView[] }> {
    return { portfolios: await this.queries.portfolios(scope) };
  }

  @Get(':portfolioId/positions')
  @ApiOperation({ summary: 'Per ISP: nominated kW, awarded MW per market (+ = consumption), imbalance adjustment kWh; JSON or CSV' })
  @ApiQuery({ name: 'deliveryDay', example: '2023-03-15' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async positions(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Query('deliveryDay') deliveryDay: string | undefined,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BrpPositions | string> {
    if (format !== undefined && format !== 'json' && format !== 'csv') throw invalid('format', 'json or csv');
    const positions = await this.queries.positions(scope, portfolioId, deliveryDayOf(deliveryDay));
    if (format !== 'csv') return positions;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="brp-positions-${portfolioId}-${positions.deliveryDay}.csv"`);
    return brpPositionsCsv(positions);
  }
}

/** Operators link a BRP organisation to the party codes portfolios name as their BRP. */
@ApiTags('brp')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/brp-party-codes')
@Roles('operator')
export class BrpPartyCodesController {
  constructor(private readonly partyCodes: BrpPartyCodesUseCase) {}

  @Post()
  @ApiOperation({ summary: 'Record that a BRP organisation answers for a party code (EAN); idempotent' })
  async register(@Body() body: BrpPartyCodeDto): Promise<BrpPartyCodeView> {
    return this.partyCodes.register(body.organisationId, body.code);
  }
}
