import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { registerErrorStatuses } from '@vpp/observability';
import { Decimal } from '@vpp/units';
import { SiteServicesUseCase } from '../application/site-services/site-services.use-case';
import type { SiteServicesView } from '../application/site-services/site-services.views';
import { siteServicesSchema, type SiteServicesBody } from './schemas/plans-site-services.schemas';
import { openApiSchema, ZodValidationPipe } from './zod-edge';

registerErrorStatuses({ SITE_SERVICES_INVALID: 422 });

/**
 * Behind-the-meter services of a site (issue 4 item 7): peak shaving under a capacity tariff, PV
 * self-consumption, dynamic or time-of-use prices; keeping under the grid limit is always on.
 * Effective-dated: each PUT sets the row of its `effectiveFrom` day.
 */
@ApiTags('sites')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/sites/:siteId/services')
@Roles('operator')
@NoDelegation()
export class SiteServicesController {
  constructor(private readonly services: SiteServicesUseCase) {}

  @Put()
  @ApiOperation({ summary: "Set the site's services from a delivery day on; answers every effective-dated row" })
  @ApiBody({ schema: openApiSchema(siteServicesSchema) })
  set(@Tenant() scope: TenantScope, @Param('siteId', ParseUUIDPipe) siteId: string, @Body(new ZodValidationPipe(siteServicesSchema)) body: SiteServicesBody): Promise<SiteServicesView[]> {
    return this.services.set(scope, {
      siteId,
      effectiveFrom: body.effectiveFrom,
      capacityTariffEurPerKwMonth: body.peakShaving ? new Decimal(body.peakShaving.capacityTariffEurPerKwMonth) : null,
      pvProfileKw: body.pvSelfConsumption?.pvProfileKw.map((kw) => new Decimal(kw)) ?? null,
      baseLoadProfileKw: body.baseLoadProfileKw?.map((kw) => new Decimal(kw)) ?? null,
      tariff: body.tariff,
    });
  }

  @Get()
  list(@Tenant() scope: TenantScope, @Param('siteId', ParseUUIDPipe) siteId: string): Promise<SiteServicesView[]> {
    return this.services.list(scope, siteId);
  }
}
