import { MarketAwardEntity } from '../awards/market-award.entity';
import { BrpPartyCodeEntity } from '../brp/brp-party-code.entity';
import { GatewaySubmissionEntity } from './gateway-submission.entity';

/** The gateway, award and BRP tables of libs/markets (listed in libs/persistence ALL_ENTITIES). */
export const GATEWAYS_ENTITIES = [GatewaySubmissionEntity, MarketAwardEntity, BrpPartyCodeEntity];
