import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly, Roles, Tenant, TenantScope } from '@vpp/access';
import { PLATFORM_CLOCK, type PlatformClock } from '@vpp/config';
import { parseDecimal, parseUtcInstant } from '@vpp/units';
import { SettlementContractsUseCase, type SettlementContractView } from '../../application/admin/settlement-contracts.use-case';
import type { SettlementContract } from '../../domain/contract/settlement-contract';
import { openApiSchema } from '../../../../fleet/src/http/schemas/fleet-api.primitives';
import { ZodValidationPipe } from '../../../../fleet/src/http/zod-validation.pipe';
import { PutSettlementContractBody, putSettlementContractSchema } from './settlement-admin.schemas';
import './settlement-error-statuses';

function contractOf(fleetId: string, contractId: string, body: PutSettlementContractBody): SettlementContract {
  return {
    id: contractId,
    fleetId,
    validFrom: parseUtcInstant(body.validFrom),
    validTo: body.validTo === null ? null : parseUtcInstant(body.validTo),
    aggregatorRef: body.aggregatorRef,
    vehicleOwnerRef: body.vehicleOwnerRef,
    terms: body.terms.map((term) => ({ kind: term.kind, payee: term.payee, rate: parseDecimal(term.rate) })),
  };
}

/**
 * A fleet's settlement contracts (issue 7): the aggregator's admins put them, on the fleet
 * owner's behalf (`X-On-Behalf-Of` under its delegation) or for a fleet of their own; the fleet's
 * operator and owner read them. Another tenant's fleet is not found (404).
 */
@ApiTags('settlement')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/fleets/:fleetId/settlement-contracts')
export class SettlementContractsController {
  constructor(
    private readonly contracts: SettlementContractsUseCase,
    @Inject(PLATFORM_CLOCK) private readonly clock: PlatformClock,
  ) {}

  @Put(':contractId')
  @Roles('operator')
  @AdminOnly()
  @ApiOperation({
    summary:
      'Put a settlement contract of the fleet (revenue shares in percent summing to 100, fees and rewards as decimal strings): 201 new, 200 the same again, 409 other content under the id or a validity overlapping another contract of the fleet',
  })
  @ApiBody({ schema: openApiSchema(putSettlementContractSchema) })
  async put(
    @Tenant() scope: TenantScope,
    @Param('fleetId', ParseUUIDPipe) fleetId: string,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @Body(new ZodValidationPipe(putSettlementContractSchema)) body: PutSettlementContractBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettlementContractView> {
    const result = await this.contracts.put(scope, contractOf(fleetId, contractId, body), this.clock.now());
    void reply.status(result.created ? 201 : 200);
    return result.view;
  }

  @Get()
  @Roles('operator', 'fleet_owner')
  @ApiOperation({ summary: "The fleet's settlement contracts by validFrom" })
  list(@Tenant() scope: TenantScope, @Param('fleetId', ParseUUIDPipe) fleetId: string): Promise<SettlementContractView[]> {
    return this.contracts.list(scope, fleetId);
  }

  @Get(':contractId')
  @Roles('operator', 'fleet_owner')
  @ApiOperation({ summary: 'One settlement contract of the fleet' })
  get(@Tenant() scope: TenantScope, @Param('fleetId', ParseUUIDPipe) fleetId: string, @Param('contractId', ParseUUIDPipe) contractId: string): Promise<SettlementContractView> {
    return this.contracts.get(scope, fleetId, contractId);
  }
}
