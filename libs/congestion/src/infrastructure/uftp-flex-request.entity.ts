import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { FlexRequestMessage } from '../domain/uftp-messages';
import { UftpParticipantEntity } from './uftp-participant.entity';

export type UftpChannel = 'xml' | 'json';

/** An accepted FlexRequest revision. A higher revision for the same point and Period supersedes it. */
@Entity({ name: 'uftp_flex_requests' })
@Unique('uq_uftp_flex_requests_message', ['participantId', 'messageId'])
@Unique('uq_uftp_flex_requests_revision', ['participantId', 'congestionPoint', 'period', 'revision'])
@Index('ix_uftp_flex_requests_conversation', ['conversationId'])
@Check('ck_uftp_flex_requests_channel', `channel IN ('xml', 'json')`)
export class UftpFlexRequestEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_flex_requests' })
  id!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => UftpParticipantEntity, { nullable: false })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'fk_uftp_flex_requests_participant' })
  participant?: UftpParticipantEntity;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  congestionPoint!: string;

  @Column({ type: 'date' })
  period!: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number.parseInt(value, 10) } })
  revision!: number;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text' })
  channel!: UftpChannel;

  @Column({ type: 'jsonb' })
  message!: FlexRequestMessage;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
