import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Delivery ids seen within the signature tolerance window: a valid signature replayed inside the
 * window hits the primary key and is refused. Older rows are pruned; the time stamp check refuses
 * those deliveries anyway.
 */
@Entity({ name: 'oem_webhook_deliveries' })
@Index('ix_oem_webhook_deliveries_received_at', ['receivedAt'])
export class OemWebhookDeliveryEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_oem_webhook_deliveries' })
  oem!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_oem_webhook_deliveries' })
  deliveryId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
