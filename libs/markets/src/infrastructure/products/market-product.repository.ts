import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MarketProductRules } from '../../domain/products/market-product';
import { MarketProductEntity } from './market-product.entity';
import { toMarketProductRules } from './market-product.mapper';

/** Reads the product versions of `market_products` (a handful of rows; read per use, never cached stale). */
@Injectable()
export class MarketProductRepository {
  async allVersions(manager: EntityManager): Promise<MarketProductRules[]> {
    const rows = await manager.find(MarketProductEntity, { order: { productCode: 'ASC', validFrom: 'ASC' } });
    return rows.map(toMarketProductRules);
  }
}
