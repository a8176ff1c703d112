import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import type { LedgerDirection } from '../../domain/portfolio/portfolio-products';
import { PortfolioEntity } from '../portfolio/portfolio.entity';

/**
 * One ledger cell: what a portfolio can deliver in one ISP and direction, and how much of it is
 * held. `ck_ledger_capacity_reserved` is the rule that the same kW is never sold twice; every
 * writer changes `reserved_kw` with one conditional UPDATE, so PostgreSQL decides races.
 */
@Entity({ name: 'ledger_capacity' })
@Check('ck_ledger_capacity_direction', `direction IN ('up', 'down')`)
@Check('ck_ledger_capacity_isp_start', `extract(epoch FROM isp_start) % 900 = 0`)
@Check('ck_ledger_capacity_reserved', `reserved_kw >= 0 AND reserved_kw <= available_kw`)
export class LedgerCapacityEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ledger_capacity' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_ledger_capacity' })
  ispStart!: Date;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_ledger_capacity' })
  direction!: LedgerDirection;

  @ManyToOne(() => PortfolioEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_ledger_capacity_portfolio' })
  portfolio?: PortfolioEntity;

  @Column(decimalColumn('powerKw'))
  availableKw!: Decimal;

  @Column(decimalColumn('powerKw'))
  reservedKw!: Decimal;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
