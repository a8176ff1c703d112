import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import type { LedgerDirection } from '../../domain/portfolio/portfolio-products';
import { LedgerCapacityEntity } from './ledger-capacity.entity';
import { ReservationEntity } from './reservation.entity';

/** What one reservation holds in one ledger cell; kept after release, for the record. */
@Entity({ name: 'reservation_lines' })
@Index('ix_reservation_lines_cell', ['portfolioId', 'ispStart', 'direction'])
@Check('ck_reservation_lines_kw', `kw > 0`)
export class ReservationLineEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reservation_lines' })
  reservationId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_reservation_lines' })
  ispStart!: Date;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_reservation_lines' })
  direction!: LedgerDirection;

  @Column({ type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => ReservationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reservation_id', foreignKeyConstraintName: 'fk_reservation_lines_reservation' })
  reservation?: ReservationEntity;

  @ManyToOne(() => LedgerCapacityEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'portfolio_id', referencedColumnName: 'portfolioId', foreignKeyConstraintName: 'fk_reservation_lines_capacity' },
    { name: 'isp_start', referencedColumnName: 'ispStart', foreignKeyConstraintName: 'fk_reservation_lines_capacity' },
    { name: 'direction', referencedColumnName: 'direction', foreignKeyConstraintName: 'fk_reservation_lines_capacity' },
  ])
  capacity?: LedgerCapacityEntity;

  @Column(decimalColumn('powerKw'))
  kw!: Decimal;
}
