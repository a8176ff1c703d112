import { BidPointEntity } from './bid-point.entity';
import { BidEntity } from './bid.entity';

/** The bid tables of libs/markets (listed in libs/persistence ALL_ENTITIES). */
export const BID_ENTITIES = [BidEntity, BidPointEntity];
