import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';

/** The price settlement uses per market, bidding zone and ISP (migrations 1764300700000, 1764300900000). */
@Entity({ name: 'settlement_prices' })
@Check('ck_settlement_prices_market', `market IN ('day-ahead', 'afrr-energy-up', 'afrr-energy-down')`)
@Check('ck_settlement_prices_isp_start', `extract(epoch FROM isp_start) % 900 = 0`)
export class SettlementPriceEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_settlement_prices' }) market!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_settlement_prices' }) biddingZone!: string;
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_settlement_prices' }) ispStart!: Date;
  @Column(decimalColumn('priceEurPerMwh')) priceEurPerMwh!: Decimal;
  @Column({ type: 'text' }) source!: string;
}

/** Meter aggregation per portfolio, fleet and ISP; written only by SQL in the meter stage. */
@Entity({ name: 'settlement_meter_isp' })
@Check('ck_settlement_meter_isp_basis', `basis IN ('measured', 'estimated', 'profile')`)
@Check('ck_settlement_meter_isp_isp_start', `extract(epoch FROM isp_start) % 900 = 0`)
export class SettlementMeterIspEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_meter_isp' }) portfolioId!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_meter_isp' }) fleetId!: string;
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_settlement_meter_isp' }) ispStart!: Date;
  @Column(decimalColumn('energyKwh')) chargedKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) dischargedKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) baselineKwh!: Decimal;
  @Column({ type: 'integer' }) sessionsMeasured!: number;
  @Column({ type: 'integer' }) sessionsEstimated!: number;
  @Column({ type: 'integer' }) sessionsProfile!: number;
  @Column({ type: 'text' }) basis!: string;
}

/** Meter aggregation per portfolio, session and settled period; written only by SQL in the meter stage. */
@Entity({ name: 'settlement_meter_sessions' })
@Index('ix_settlement_meter_sessions_fleet_period', ['fleetId', 'periodStart'])
@Check('ck_settlement_meter_sessions_basis', `basis IN ('measured', 'estimated', 'profile')`)
@Check('ck_settlement_meter_sessions_period', `period_end > period_start`)
export class SettlementMeterSessionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_meter_sessions' }) portfolioId!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_settlement_meter_sessions' }) sessionId!: string;
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_settlement_meter_sessions' }) periodStart!: Date;
  @Column({ type: 'timestamptz' }) periodEnd!: Date;
  @Column({ type: 'uuid' }) fleetId!: string;
  @Column(decimalColumn('energyKwh')) chargedKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) dischargedKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) baselineKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) shiftedKwh!: Decimal;
  @Column(decimalColumn('energyKwh')) pluggedInHours!: Decimal;
  @Column({ type: 'text' }) basis!: string;
}

/** The pipeline's tables (listed in libs/persistence ALL_ENTITIES). */
export const SETTLEMENT_PIPELINE_ENTITIES = [SettlementPriceEntity, SettlementMeterIspEntity, SettlementMeterSessionEntity];
