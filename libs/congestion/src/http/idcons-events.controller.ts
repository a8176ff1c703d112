import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vpp/access';
import { parseDecimal } from '@vpp/units';
import { RespondToIdconsEventUseCase } from '../application/idcons/respond-to-idcons-event.use-case';
import { idconsEventBody, parseBody } from './dto/congestion.bodies';

/**
 * GOPACS IDCONS events: the grid operator's congestion situation (from GOPACS' market message,
 * relayed by an operator, or announced by the DSO) answered with paired orders on the trading
 * platform. Synchronous: the answer lists each portfolio's orders as submitted; awards follow.
 */
@ApiTags('congestion')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('dso', 'operator')
@Controller('v1/congestion')
export class IdconsEventsController {
  constructor(private readonly respond: RespondToIdconsEventUseCase) {}

  @Post('idcons-events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Announce an IDCONS congestion event; answers the paired orders built, reserved and submitted per portfolio' })
  async post(@Body() body: unknown) {
    const input = parseBody(idconsEventBody, body);
    const answers = await this.respond.execute({
      eventId: input.eventId,
      congestionPointEan: input.congestionPointEan,
      congestionArea: input.congestionArea ?? null,
      start: new Date(input.start),
      end: new Date(input.end),
      direction: input.direction,
      requestedMw: parseDecimal(input.requestedMw),
    });
    return {
      eventId: input.eventId,
      portfolios: answers.map((answer) => ({
        portfolioId: answer.portfolioId,
        gateKey: answer.gateKey,
        created: answer.created,
        flexibilityMethod: answer.flexibilityMethod,
        planRunId: answer.planRunId,
        orders: answer.submission?.orders ?? null,
        refusedBySubmission: answer.submission?.refused ?? null,
        bids: answer.bids.map((bid) => ({ id: bid.id, bidKey: bid.bidKey, status: bid.status, refusals: bid.refusals })),
      })),
    };
  }
}
