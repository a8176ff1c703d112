import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vpp/access';
import { MarketProductCatalog } from '../../application/market-product-catalog';
import type { MarketProductRules } from '../../domain/products/market-product';

/** Decimals as strings, instants as ISO 8601 (STYLE.md 9.6): the rules as operators and bid builders read them. */
function productView(rules: MarketProductRules) {
  const text = (value: { toFixed(): string } | null): string | null => (value === null ? null : value.toFixed());
  return {
    ...rules,
    validity: { from: rules.validity.from.toISOString(), to: rules.validity.to?.toISOString() ?? null },
    minQuantityMw: text(rules.minQuantityMw),
    quantityStepMw: text(rules.quantityStepMw),
    priceTick: text(rules.priceTick),
    priceMin: text(rules.priceMin),
    priceMax: text(rules.priceMax),
  };
}

/** Every version of every market product, with which values are unverified assumptions or configured. */
@ApiTags('markets')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Roles('operator')
@Controller('v1/market-products')
export class MarketProductsController {
  constructor(private readonly catalog: MarketProductCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Market product rules by version (effective-dated), with unverified fields and sources' })
  async list(): Promise<{ products: ReturnType<typeof productView>[] }> {
    return { products: (await this.catalog.versions()).map(productView) };
  }
}
