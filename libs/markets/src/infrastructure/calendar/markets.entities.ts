import { BidPreparationEntity } from './bid-preparation.entity';
import { MarketEventEntity } from './market-event.entity';
import { MarketGateEntity } from './market-gate.entity';
import { MarketProductEntity } from '../products/market-product.entity';

/** The tables of libs/markets (listed in libs/persistence ALL_ENTITIES). */
export const MARKETS_ENTITIES = [MarketProductEntity, MarketGateEntity, MarketEventEntity, BidPreparationEntity];
