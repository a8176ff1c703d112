import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { ProblemException } from '@vpp/observability';
import { DeliveryDay, parseDecimal } from '@vpp/units';
import { LedgerDayQuery, LedgerDayView } from '../application/ledger/ledger-day.query';
import { ReservationLedger } from '../application/ledger/reservation-ledger';
import type { ReservationView } from '../application/ledger/reservation.view';
import { PortfolioQueries } from '../application/portfolio/portfolio.queries';
import { ReleaseBody, releaseSchema, ReserveBody, reserveSchema, SetAvailabilityBody, setAvailabilitySchema } from './schemas/ledger.schemas';
import { isoDate } from './schemas/ledger-api.primitives';
import { openApiSchema, ZodValidationPipe } from './zod-edge';
import './flexibility-error-statuses';

function deliveryDayOf(text: string): DeliveryDay {
  try {
    return DeliveryDay.of(isoDate.parse(text));
  } catch {
    throw new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', '1 field(s) are invalid.', {
      errors: [{ field: 'deliveryDay', messages: ['a delivery day YYYY-MM-DD that exists'] }],
    });
  }
}

/**
 * The reservation ledger of an operator's portfolio: read it per delivery day, set the available
 * capacity by hand, and reserve or release for manual trades. Bidding reserves through
 * `ReservationLedger` directly.
 */
@ApiTags('portfolios')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/portfolios/:portfolioId')
@Roles('operator')
@NoDelegation()
export class LedgerController {
  constructor(
    private readonly portfolios: PortfolioQueries,
    private readonly ledger: ReservationLedger,
    private readonly days: LedgerDayQuery,
  ) {}

  @Get('ledger/:deliveryDay')
  @ApiOperation({ summary: 'Per ISP of the delivery day (92/96/100): available, reserved per product and free kW, up and down' })
  async day(@Tenant() scope: TenantScope, @Param('portfolioId', ParseUUIDPipe) portfolioId: string, @Param('deliveryDay') deliveryDay: string): Promise<LedgerDayView> {
    const day = deliveryDayOf(deliveryDay);
    await this.portfolios.requireOwned(scope, portfolioId);
    return this.days.view(portfolioId, day);
  }

  @Put('ledger/availability')
  @ApiOperation({ summary: 'Set available kW per ISP and direction (normally the planner does); never below what is reserved' })
  @ApiBody({ schema: openApiSchema(setAvailabilitySchema) })
  async setAvailability(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Body(new ZodValidationPipe(setAvailabilitySchema)) body: SetAvailabilityBody,
  ): Promise<{ cells: number }> {
    await this.portfolios.requireOwned(scope, portfolioId);
    return this.ledger.setAvailability(
      portfolioId,
      body.cells.map((cell) => ({ ispStart: new Date(cell.ispStart), direction: cell.direction, availableKw: parseDecimal(cell.availableKw) })),
    );
  }

  @Post('reservations')
  @ApiOperation({ summary: 'Reserve for a manual trade: every ISP or none; 201 when new, 200 when the idempotency key was seen before' })
  @ApiBody({ schema: openApiSchema(reserveSchema) })
  async reserve(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Body(new ZodValidationPipe(reserveSchema)) body: ReserveBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReservationView> {
    await this.portfolios.requireOwned(scope, portfolioId);
    const outcome = await this.ledger.reserve(portfolioId, {
      product: body.product,
      direction: body.direction,
      reference: body.reference,
      idempotencyKey: body.idempotencyKey,
      isps: body.isps.map((isp) => ({ ispStart: new Date(isp.ispStart), kw: parseDecimal(isp.kw) })),
    });
    void reply.status(outcome.replayed ? 200 : 201);
    return outcome.reservation;
  }

  @Get('reservations/:reservationId')
  async reservation(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Param('reservationId', ParseUUIDPipe) reservationId: string,
  ): Promise<ReservationView> {
    await this.portfolios.requireOwned(scope, portfolioId);
    return this.ledger.reservation(portfolioId, reservationId);
  }

  @Post('reservations/:reservationId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the reserved kW back (e.g. bid not awarded); exactly once, repeating it changes nothing' })
  @ApiBody({ schema: openApiSchema(releaseSchema) })
  async release(
    @Tenant() scope: TenantScope,
    @Param('portfolioId', ParseUUIDPipe) portfolioId: string,
    @Param('reservationId', ParseUUIDPipe) reservationId: string,
    @Body(new ZodValidationPipe(releaseSchema)) body: ReleaseBody,
  ): Promise<ReservationView> {
    await this.portfolios.requireOwned(scope, portfolioId);
    return this.ledger.release(portfolioId, reservationId, body.reason ?? 'released by operator');
  }
}
