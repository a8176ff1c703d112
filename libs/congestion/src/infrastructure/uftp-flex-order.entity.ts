import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalTransformer } from '../../../persistence/src/decimal.transformer';
import type { FlexOrderMessage } from '../domain/uftp-messages';
import type { UftpChannel } from './uftp-flex-request.entity';
import { UftpFlexOfferEntity } from './uftp-flex-offer.entity';
import { UftpParticipantEntity } from './uftp-participant.entity';

/** An accepted FlexOrder: the DSO bought one option of one of our offers. */
@Entity({ name: 'uftp_flex_orders' })
@Unique('uq_uftp_flex_orders_message', ['participantId', 'messageId'])
@Unique('uq_uftp_flex_orders_offer', ['flexOfferId'])
export class UftpFlexOrderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_flex_orders' })
  id!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => UftpParticipantEntity, { nullable: false })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'fk_uftp_flex_orders_participant' })
  participant?: UftpParticipantEntity;

  @Column({ type: 'uuid' })
  flexOfferId!: string;

  @OneToOne(() => UftpFlexOfferEntity, { nullable: false })
  @JoinColumn({ name: 'flex_offer_id', foreignKeyConstraintName: 'fk_uftp_flex_orders_offer' })
  flexOffer?: UftpFlexOfferEntity;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  orderReference!: string;

  @Column({ type: 'text' })
  optionReference!: string;

  @Column({ type: 'numeric', precision: 3, scale: 2, transformer: decimalTransformer(2, 3) })
  activationFactor!: Decimal;

  /** CurrencyAmountType: 4 fraction digits. */
  @Column({ type: 'numeric', precision: 18, scale: 4, transformer: decimalTransformer(4, 18) })
  price!: Decimal;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  channel!: UftpChannel;

  @Column({ type: 'jsonb' })
  message!: FlexOrderMessage;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
