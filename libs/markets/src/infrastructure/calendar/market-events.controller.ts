import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vpp/access';
import { MarketEventView, MarketEventsQueries } from '../../application/market-events.queries';
import { MarketEventsQueryDto } from './market-events.query.dto';

/** Operator view of market events: missed gates, with the gate and the reason. */
@ApiTags('markets')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('operator')
@Controller('v1/market-events')
export class MarketEventsController {
  constructor(private readonly queries: MarketEventsQueries) {}

  @Get()
  @ApiOperation({ summary: 'Market events (missed gates), newest first' })
  async list(@Query() query: MarketEventsQueryDto): Promise<{ events: MarketEventView[] }> {
    // IsISO8601 (strict) has checked the text, offset included.
    const since = query.since === undefined ? undefined : new Date(query.since);
    return { events: await this.queries.list({ since, limit: query.limit ?? 100 }) };
  }
}
