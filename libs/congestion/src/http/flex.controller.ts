import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles, Tenant, TenantScope } from '@vpp/access';
import { FlexSettlements } from '../application/flex-settlements';
import { JsonMessages } from '../application/json-messages';
import { Participants } from '../application/participants';
import { ReceiveOutcome, ReceiveUftpMessageUseCase } from '../application/receive-uftp-message.use-case';
import { CongestionError, UftpRejection } from '../domain/congestion.errors';
import { UftpFlexOfferEntity } from '../infrastructure/uftp-flex-offer.entity';
import { UftpFlexOrderEntity } from '../infrastructure/uftp-flex-order.entity';
import { UftpFlexRequestEntity } from '../infrastructure/uftp-flex-request.entity';
import { offerView, orderView, settlementView } from './congestion-views';
import { flexOrderBody, flexRequestBody, parseBody } from './dto/congestion.bodies';

function accepted(outcome: ReceiveOutcome): ReceiveOutcome {
  if (outcome.result === 'Rejected') throw new UftpRejection(outcome.rejectionReason ?? 'Invalid Message');
  return outcome;
}

/**
 * The DSO side of UFTP as JSON: the same messages and checks as the XML endpoint, answered
 * synchronously. A rejection is 422 problem+json with code UFTP_REJECTED and the RejectionReason.
 */
@ApiTags('congestion')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('dso')
@Controller('v1/congestion')
export class FlexController {
  constructor(
    private readonly participants: Participants,
    private readonly json: JsonMessages,
    private readonly receive: ReceiveUftpMessageUseCase,
    private readonly settlements: FlexSettlements,
    private readonly dataSource: DataSource,
  ) {}

  @Post('flex-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Post a FlexRequest (1-based ISPs, W, positive = consumption); answers FlexRequestResponse and the FlexOffers made' })
  async postFlexRequest(@Tenant() scope: TenantScope, @Body() body: unknown) {
    const input = parseBody(flexRequestBody, body);
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    const outcome = accepted(await this.receive.execute(participant, this.json.flexRequest(participant, input), 'json', input.direction));
    return { result: outcome.result, alreadySubmitted: outcome.alreadySubmitted, flexRequestId: outcome.flexRequestId ?? null, offers: outcome.offers.map(offerView) };
  }

  @Get('flex-requests/:id/offers')
  async offersOfRequest(@Tenant() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    const request = await this.dataSource.getRepository(UftpFlexRequestEntity).findOneBy({ id, participantId: participant.id });
    if (!request) throw new CongestionError('UFTP_UNKNOWN_REQUEST', `no flex request ${id}`);
    const offers = await this.dataSource.getRepository(UftpFlexOfferEntity).find({ where: { flexRequestId: id }, order: { knownAt: 'ASC' } });
    return offers.map(offerView);
  }

  @Get('flex-offers')
  @ApiOperation({ summary: 'Every FlexOffer made to the calling DSO, newest first' })
  async offers(@Tenant() scope: TenantScope) {
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    const offers = await this.dataSource.getRepository(UftpFlexOfferEntity).find({ where: { participantId: participant.id }, order: { knownAt: 'DESC' }, take: 500 });
    return offers.map(offerView);
  }

  @Post('flex-orders')
  @HttpCode(200)
  @ApiOperation({ summary: 'Place a FlexOrder on one option of a FlexOffer; answers FlexOrderResponse' })
  async postFlexOrder(@Tenant() scope: TenantScope, @Body() body: unknown) {
    const input = parseBody(flexOrderBody, body);
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    const outcome = accepted(await this.receive.execute(participant, await this.json.flexOrder(participant, input), 'json'));
    return { result: outcome.result, alreadySubmitted: outcome.alreadySubmitted, order: outcome.order ? orderView(outcome.order) : null };
  }

  @Get('flex-orders/:id/settlement')
  @ApiOperation({ summary: 'The FlexOrderSettlement of an order, once delivered flex is known (issue 7)' })
  async settlement(@Tenant() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const participant = await this.participants.ofOrganisation(scope.organisationId);
    const order = await this.dataSource.getRepository(UftpFlexOrderEntity).findOneBy({ id, participantId: participant.id });
    if (!order) throw new CongestionError('UFTP_UNKNOWN_ORDER', `no flex order ${id}`);
    const settlement = await this.settlements.forOrder(order.id);
    if (!settlement) throw new CongestionError('UFTP_NOT_SETTLED', `flex order ${id} is not settled yet: delivered flex is computed after delivery`);
    return settlementView(settlement);
  }
}
