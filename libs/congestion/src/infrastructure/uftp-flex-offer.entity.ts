import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { FlexOfferMessage } from '../domain/uftp-messages';
import { UftpFlexRequestEntity } from './uftp-flex-request.entity';
import { UftpParticipantEntity } from './uftp-participant.entity';

/** A FlexOffer we made, with the flexibility figures it was built from and when we knew them. */
@Entity({ name: 'uftp_flex_offers' })
@Unique('uq_uftp_flex_offers_message', ['messageId'])
@Index('ix_uftp_flex_offers_request', ['flexRequestId'])
@Index('ix_uftp_flex_offers_participant', ['participantId'])
export class UftpFlexOfferEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_flex_offers' })
  id!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => UftpParticipantEntity, { nullable: false })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'fk_uftp_flex_offers_participant' })
  participant?: UftpParticipantEntity;

  @Column({ type: 'uuid' })
  flexRequestId!: string;

  @ManyToOne(() => UftpFlexRequestEntity, { nullable: false })
  @JoinColumn({ name: 'flex_request_id', foreignKeyConstraintName: 'fk_uftp_flex_offers_request' })
  flexRequest?: UftpFlexRequestEntity;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  congestionPoint!: string;

  @Column({ type: 'date' })
  period!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'jsonb' })
  message!: FlexOfferMessage;

  /** Inputs: the flexibility method, its per-ISP kW and the ASSUMED price per MWh. */
  @Column({ type: 'jsonb' })
  inputs!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  knownAt!: Date;

  /** The DSO's FlexOfferResponse, when it came. */
  @Column({ type: 'text', nullable: true })
  dsoResult!: string | null;

  @Column({ type: 'text', nullable: true })
  dsoRejectionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  orderedAt!: Date | null;
}
