import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UftpParticipantEntity } from './uftp-participant.entity';

/** Every accepted inbound MessageID with a digest of its content: duplicate detection (message-validation.md). */
@Entity({ name: 'uftp_received_messages' })
export class UftpReceivedMessageEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_received_messages' })
  participantId!: string;

  @ManyToOne(() => UftpParticipantEntity, { nullable: false })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'fk_uftp_received_messages_participant' })
  participant?: UftpParticipantEntity;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_received_messages' })
  messageId!: string;

  @Column({ type: 'text' })
  messageType!: string;

  /** SHA-256 of the parsed message without TimeStamp: the same message resent has the same digest. */
  @Column({ type: 'text' })
  digest!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
