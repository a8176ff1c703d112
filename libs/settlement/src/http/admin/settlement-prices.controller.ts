import { Body, Controller, Get, Headers, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { parse } from 'csv-parse/sync';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod/v4';
import { AdminOnly, NoDelegation, Roles, Tenant, TenantScope } from '@vpp/access';
import { PLATFORM_CLOCK, type PlatformClock } from '@vpp/config';
import { ProblemException, type FieldProblem } from '@vpp/observability';
import { DeliveryDay, parseDecimal, parseUtcInstant } from '@vpp/units';
import { SettlementPricesUseCase, type PutSettlementPricesOutcome, type SettlementDayPricesView } from '../../application/admin/settlement-prices.use-case';
import type { PublishedPrice, SettlementPriceMarket } from '../../domain/pricing/settlement-day-prices';
import { openApiSchema } from '../../../../fleet/src/http/schemas/fleet-api.primitives';
import { ZodValidationPipe } from '../../../../fleet/src/http/zod-validation.pipe';
import { biddingZoneSchema, priceSourceSchema, priceText, putSettlementPricesSchema, settlementPriceMarketSchema } from './settlement-admin.schemas';
import './settlement-error-statuses';

const CSV_COLUMNS = ['timestamp_utc', 'price_eur_mwh'] as const;
const MAX_CSV_ROWS = 100;

function invalid(errors: FieldProblem[]): ProblemException {
  return new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', `${errors.length} field(s) are invalid.`, { errors });
}

function checked<S extends z.ZodType>(schema: S, field: string, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid([{ field, messages: result.error.issues.map((issue) => issue.message) }]);
  return result.data;
}

function deliveryDayOf(text: string): DeliveryDay {
  try {
    return DeliveryDay.of(text);
  } catch {
    throw invalid([{ field: 'deliveryDay', messages: ['a delivery day YYYY-MM-DD'] }]);
  }
}

/** The CSV layout of ARCHITECTURE.md section 6 for day-ahead prices: `timestamp_utc, price_eur_mwh`, one header row. */
function pricesFromCsv(text: string): PublishedPrice[] {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true });
  } catch (error) {
    throw invalid([{ field: '(body)', messages: [`not CSV: ${(error as Error).message}`] }]);
  }
  const [header, ...data] = rows;
  if (!header || CSV_COLUMNS.some((column) => !header.includes(column))) throw invalid([{ field: '(body)', messages: [`the header row needs the columns ${CSV_COLUMNS.join(', ')}`] }]);
  if (data.length === 0 || data.length > MAX_CSV_ROWS) throw invalid([{ field: '(body)', messages: [`1 to ${MAX_CSV_ROWS} price rows`] }]);
  const [at, price] = CSV_COLUMNS.map((column) => header.indexOf(column));
  const errors: FieldProblem[] = [];
  const prices: PublishedPrice[] = [];
  data.forEach((row, i) => {
    const messages: string[] = [];
    let start: Date | null = null;
    try {
      start = parseUtcInstant(row[at] ?? '');
    } catch {
      messages.push(`${CSV_COLUMNS[0]} is not an ISO 8601 UTC instant`);
    }
    if (!priceText.safeParse(row[price] ?? '').success) messages.push(`${CSV_COLUMNS[1]} is not a decimal string of EUR/MWh with at most 5 decimals`);
    if (messages.length > 0) errors.push({ field: `row ${i + 2}`, messages });
    else if (start) prices.push({ start, priceEurPerMwh: parseDecimal(row[price]) });
  });
  if (errors.length > 0) throw invalid(errors);
  return prices;
}

/**
 * The prices settlement uses per market, bidding zone and ISP (issue 7). Only the operator's
 * admins put them, for themselves (not under a delegation: prices are the platform's, not a
 * client's), as JSON or as the CSV of ARCHITECTURE.md section 6 (`text/csv`, `?source=`).
 */
@ApiTags('settlement')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/settlement-prices')
@Roles('operator')
export class SettlementPricesController {
  constructor(
    private readonly prices: SettlementPricesUseCase,
    @Inject(PLATFORM_CLOCK) private readonly clock: PlatformClock,
  ) {}

  @Put(':market/:biddingZone/:deliveryDay')
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({
    summary:
      "Replace a delivery day's settlement prices (every ISP once: 92/96/100 by DST, or every hour once), atomically, with their source; 201 the day had none, 200 replaced or unchanged. A settled day whose prices change is restated (a close-day job under a new revision)",
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiQuery({ name: 'source', required: false, description: 'the source of CSV prices (JSON bodies carry it in `source`)' })
  @ApiBody({ schema: openApiSchema(putSettlementPricesSchema) })
  async put(
    @Tenant() scope: TenantScope,
    @Param('market') marketText: string,
    @Param('biddingZone') zoneText: string,
    @Param('deliveryDay') dayText: string,
    @Headers('content-type') contentType: string | undefined,
    @Query('source') sourceText: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PutSettlementPricesOutcome> {
    const market: SettlementPriceMarket = checked(settlementPriceMarketSchema, 'market', marketText);
    const biddingZone = checked(biddingZoneSchema, 'biddingZone', zoneText);
    const day = deliveryDayOf(dayText);
    let source: string;
    let published: PublishedPrice[];
    if ((contentType ?? '').toLowerCase().startsWith('text/csv')) {
      source = checked(priceSourceSchema, 'source', sourceText);
      published = pricesFromCsv(typeof body === 'string' ? body : '');
    } else {
      if (sourceText !== undefined) throw invalid([{ field: 'source', messages: ['a JSON body carries its source in the body'] }]);
      const json = new ZodValidationPipe(putSettlementPricesSchema).transform(body);
      source = json.source;
      published = json.prices.map((p) => ({ start: parseUtcInstant(p.intervalStart), priceEurPerMwh: parseDecimal(p.priceEurPerMwh) }));
    }
    const outcome = await this.prices.put(scope, market, biddingZone, day, published, source, this.clock.now());
    void reply.status(outcome.status === 'created' ? 201 : 200);
    return outcome;
  }

  @Get(':market/:biddingZone/:deliveryDay')
  @ApiOperation({ summary: "A delivery day's settlement prices per ISP and their source" })
  get(@Param('market') marketText: string, @Param('biddingZone') zoneText: string, @Param('deliveryDay') dayText: string): Promise<SettlementDayPricesView> {
    return this.prices.get(checked(settlementPriceMarketSchema, 'market', marketText), checked(biddingZoneSchema, 'biddingZone', zoneText), deliveryDayOf(dayText));
  }
}
