import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import type { Market, MarketProductRules } from '../domain/products/market-product';
import { MarketsError } from '../domain/products/markets.errors';
import { ProductRuleOverrides, applyProductRuleOverrides } from '../domain/products/product-rule-overrides';
import { overlappingVersions, resolveProductRules } from '../domain/products/resolve-product-rules';
import { MarketProductRepository } from '../infrastructure/products/market-product.repository';
import { productRuleOverridesFrom } from './product-rule-overrides.config';

/**
 * The product rules in force: the stored versions with the configured values of UNVERIFIED rules
 * applied. "Which rules hold for delivery period X" is {@link MarketProductCatalog.rulesFor}.
 */
@Injectable()
export class MarketProductCatalog {
  private readonly overrides: ProductRuleOverrides;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MarketProductRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.overrides = productRuleOverridesFrom(config.markets.unverified);
  }

  /** Every version of every product, overrides applied. @throws MarketsError `MARKET_PRODUCT_AMBIGUOUS` on overlapping versions. */
  async versions(manager: EntityManager = this.dataSource.manager): Promise<MarketProductRules[]> {
    const versions = (await this.repository.allVersions(manager)).map((v) => applyProductRuleOverrides(v, this.overrides));
    const overlaps = overlappingVersions(versions);
    if (overlaps.length > 0) {
      throw new MarketsError('MARKET_PRODUCT_AMBIGUOUS', `overlapping product versions: ${overlaps.map(([a, b]) => `${a.id}/${b.id}`).join(', ')}`);
    }
    return versions;
  }

  /** The rules valid for a delivery period starting at `periodStart`. */
  async rulesFor(market: Market, productCode: string, periodStart: Date, manager?: EntityManager): Promise<MarketProductRules> {
    return resolveProductRules(await this.versions(manager), market, productCode, periodStart);
  }
}
