import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UftpParticipantEntity } from './uftp-participant.entity';

export type UftpOutboundStatus = 'pending' | 'sent' | 'failed';

/**
 * A message we owe a DSO (FlexRequestResponse, FlexOffer, FlexOrderResponse), stored unsigned
 * before anything goes out; the `connector` job signs and POSTs it, retrying with back-off until
 * `deliverBy` (at least an hour, message-transport-mechanism.md).
 */
@Entity({ name: 'uftp_outbound_messages' })
@Unique('uq_uftp_outbound_messages_message', ['messageId'])
@Index('ix_uftp_outbound_messages_conversation', ['conversationId'])
@Check('ck_uftp_outbound_messages_status', `status IN ('pending', 'sent', 'failed')`)
export class UftpOutboundMessageEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_outbound_messages' })
  id!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => UftpParticipantEntity, { nullable: false })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'fk_uftp_outbound_messages_participant' })
  participant?: UftpParticipantEntity;

  @Column({ type: 'text' })
  messageType!: string;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'uuid' })
  conversationId!: string;

  /** The inner XML; signed at send time with our current key. */
  @Column({ type: 'text' })
  xml!: string;

  @Column({ type: 'text' })
  status!: UftpOutboundStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  deliverBy!: Date;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
