import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MarketGateEntity } from '../calendar/market-gate.entity';

/** One order sent to a counterparty, keyed by its client order id; see migration 1764300600000. */
@Entity({ name: 'gateway_submissions' })
@Index('ix_gateway_submissions_gate_status', ['gateKey', 'status'])
@Check('ck_gateway_submissions_status', `status IN ('submitted', 'refused', 'awarded', 'not-awarded')`)
@Check('ck_gateway_submissions_counterparty', `counterparty IN ('tso', 'exchange', 'trading-platform')`)
export class GatewaySubmissionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_gateway_submissions' })
  clientOrderId!: string;

  @Column({ type: 'text' }) gateKey!: string;

  @ManyToOne(() => MarketGateEntity, { nullable: false })
  @JoinColumn({ name: 'gate_key', foreignKeyConstraintName: 'fk_gateway_submissions_gate' })
  gate?: MarketGateEntity;

  @Column({ type: 'uuid' }) bidId!: string;
  @Column({ type: 'uuid' }) portfolioId!: string;
  @Column({ type: 'text' }) market!: string;
  @Column({ type: 'text' }) productCode!: string;
  @Column({ type: 'text' }) direction!: string;
  @Column({ type: 'text' }) counterparty!: string;
  @Column({ type: 'uuid', nullable: true }) reservationId!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'timestamptz' }) submittedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resultAt!: Date | null;
}
