import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { decimalTransformer } from '../../../../persistence/src/decimal.transformer';
import type { Decimal } from '@vpp/units';

const mw = { type: 'numeric', precision: 14, scale: 3, nullable: true, transformer: decimalTransformer(3, 14) } as const;
const price = { type: 'numeric', precision: 14, scale: 5, nullable: true, transformer: decimalTransformer(5, 14) } as const;

/** One effective-dated version of a market product's rules (domain: MarketProductRules). */
@Entity({ name: 'market_products' })
@Unique('uq_market_products_version', ['productCode', 'validFrom'])
@Check('ck_market_products_market', `market IN ('fcr', 'afrr', 'day-ahead', 'idcons')`)
@Check('ck_market_products_validity', `valid_to IS NULL OR valid_to > valid_from`)
@Check('ck_market_products_period', `delivery_period IN ('block', 'mtu') AND (delivery_period = 'block' OR mtu_minutes IN (15, 30, 60))`)
@Check('ck_market_products_gate', `gate_kind IN ('daily', 'per-period', 'event') AND (gate_kind = 'event') = (gate_closure_rule IS NULL)`)
@Check('ck_market_products_curve', `min_curve_points >= 1 AND max_curve_points >= min_curve_points`)
@Check('ck_market_products_verified', `verified = (cardinality(unverified_fields) = 0)`)
export class MarketProductEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_market_products' })
  id!: string;

  @Column({ type: 'text' }) market!: string;
  @Column({ type: 'text' }) productCode!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'timestamptz' }) validFrom!: Date;
  @Column({ type: 'timestamptz', nullable: true }) validTo!: Date | null;
  @Column({ type: 'text', array: true }) directions!: string[];
  @Column({ type: 'text' }) deliveryPeriod!: string;
  @Column({ type: 'integer', nullable: true }) mtuMinutes!: number | null;
  @Column({ type: 'text' }) gateKind!: string;
  @Column({ type: 'text', nullable: true }) gateClosureRule!: string | null;
  @Column({ type: 'text' }) gateClosureZone!: string;
  @Column({ type: 'text', nullable: true }) gateOpensRule!: string | null;
  @Column({ type: 'text' }) pricingRule!: string;
  @Column({ type: 'text' }) priceUnit!: string;
  @Column(mw) minQuantityMw!: Decimal | null;
  @Column(mw) quantityStepMw!: Decimal | null;
  @Column(price) priceTick!: Decimal | null;
  @Column(price) priceMin!: Decimal | null;
  @Column(price) priceMax!: Decimal | null;
  @Column({ type: 'integer' }) minCurvePoints!: number;
  @Column({ type: 'integer' }) maxCurvePoints!: number;
  @Column({ type: 'integer', nullable: true }) fullActivationSeconds!: number | null;
  @Column({ type: 'integer', nullable: true }) setpointIntervalSeconds!: number | null;
  @Column({ type: 'integer', nullable: true }) lerMinutes!: number | null;
  @Column({ type: 'boolean' }) requiresLocation!: boolean;
  @Column({ type: 'text', array: true }) qualifyingChannels!: string[];
  @Column({ type: 'integer', nullable: true }) maxLatencyP95Ms!: number | null;
  @Column({ type: 'text', array: true }) dischargeRequiredFor!: string[];
  @Column({ type: 'boolean' }) verified!: boolean;
  @Column({ type: 'text', array: true }) unverifiedFields!: string[];
  @Column({ type: 'text' }) sourceNote!: string;
}
