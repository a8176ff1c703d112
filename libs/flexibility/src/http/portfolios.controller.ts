import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { parseDecimal } from '@vpp/units';
import { CreatePortfolioUseCase } from '../application/portfolio/create-portfolio.use-case';
import { PortfolioSitesUseCase } from '../application/portfolio/portfolio-sites.use-case';
import { PortfolioQueries } from '../application/portfolio/portfolio.queries';
import type { PortfolioView } from '../application/portfolio/portfolio.view';
import { SetPrequalificationUseCase } from '../application/portfolio/set-prequalification.use-case';
import { CreatePortfolioBody, createPortfolioSchema, SetPrequalificationBody, setPrequalificationSchema } from './schemas/portfolio.schemas';
import { openApiSchema, ZodValidationPipe } from './zod-edge';
import './flexibility-error-statuses';

/**
 * Operators manage their portfolios (pools): markets, sites, prequalified capacity (issue 4
 * item 6). A portfolio is the operator organisation's own, so delegation does not apply.
 */
@ApiTags('portfolios')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/portfolios')
@Roles('operator')
@NoDelegation()
export class PortfoliosController {
  constructor(
    private readonly createPortfolio: CreatePortfolioUseCase,
    private readonly sites: PortfolioSitesUseCase,
    private readonly setPrequalification: SetPrequalificationUseCase,
    private readonly queries: PortfolioQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a portfolio for a bidding zone, a BRP and one or more markets (fixed once created)' })
  @ApiBody({ schema: openApiSchema(createPortfolioSchema) })
  create(@Tenant() scope: TenantScope, @Body(new ZodValidationPipe(createPortfolioSchema)) body: CreatePortfolioBody): Promise<PortfolioView> {
    return this.createPortfolio.execute(scope, { name: body.name, biddingZone: body.biddingZone, brpReference: body.brpReference ?? null, markets: body.markets });
  }

  @Get()
  list(@Tenant() scope: TenantScope): Promise<PortfolioView[]> {
    return this.queries.list(scope);
  }

  @Get(':portfolioId')
  get(@Tenant() scope: TenantScope, @Param('portfolioId', ParseUUIDPipe) portfolioId: string): Promise<PortfolioView> {
    return this.queries.get(scope, portfolioId);
  }

  @Put(':portfolioId/sites/:siteId')
  @ApiOperation({ summary: "Pool a site (the operator's own, or a delegating client's) for every market of the portfolio; a site is in at most one portfolio per market" })
  assignSite(@Tenant() scope: TenantScope, @Param('portfolioId', ParseUUIDPipe) portfolioId: string, @Param('siteId', ParseUUIDPipe) siteId: string): Promise<PortfolioView> {
    return this.sites.assign(scope, portfolioId, siteId);
  }

  @Delete(':portfolioId/sites/:siteId')
  @HttpCode(200)
  removeSite(@Tenant() scope: TenantScope, @Param('portfolioId', ParseUUIDPipe) portfolioId: string, @Param('siteId', ParseUUIDPipe) siteId: string): Promise<PortfolioView> {
    return this.sites.remove(scope, portfolioId, siteId);
  }

  @Put(':portfolioId/prequalifications')
  @ApiOperation({ summary: 'Set the prequalified capacity (kW) of the listed products; it caps new reservations of each product' })
  @ApiBody({ schema: openApiSchema(setPrequalificationSchema) })
  prequalify(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Body(new ZodValidationPipe(setPrequalificationSchema)) body: SetPrequalificationBody,
  ): Promise<PortfolioView> {
    return this.setPrequalification.execute(
      scope,
      portfolioId,
      body.capacities.map((c) => ({ product: c.product, capacityKw: parseDecimal(c.capacityKw) })),
    );
  }
}
