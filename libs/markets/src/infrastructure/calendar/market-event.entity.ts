import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { MarketGateEntity } from './market-gate.entity';

/** An operator-visible market event (GET /v1/market-events); one per kind and gate. */
@Entity({ name: 'market_events' })
@Unique('uq_market_events_kind_gate', ['kind', 'gateKey'])
@Index('ix_market_events_occurred_at', ['occurredAt'])
@Check('ck_market_events_kind', `kind IN ('gate-missed')`)
export class MarketEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_market_events' })
  id!: string;

  @Column({ type: 'text' }) kind!: 'gate-missed';
  @Column({ type: 'text' }) gateKey!: string;

  @ManyToOne(() => MarketGateEntity)
  @JoinColumn({ name: 'gate_key', foreignKeyConstraintName: 'fk_market_events_gate' })
  gate?: MarketGateEntity;

  @Column({ type: 'text' }) market!: string;
  @Column({ type: 'text' }) productCode!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
}
