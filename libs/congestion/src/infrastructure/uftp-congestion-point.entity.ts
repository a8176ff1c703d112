import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UftpParticipantEntity } from './uftp-participant.entity';

/** A congestion point (entity address) a DSO registered with us. */
@Entity({ name: 'uftp_congestion_points' })
@Unique('uq_uftp_congestion_points_participant_address', ['participantId', 'entityAddress'])
export class UftpCongestionPointEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_congestion_points' })
  id!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => UftpParticipantEntity, { nullable: false })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'fk_uftp_congestion_points_participant' })
  participant?: UftpParticipantEntity;

  /** `ean.<digits>` or `ea1.…`. */
  @Column({ type: 'text' })
  entityAddress!: string;

  /** The grid_connections.congestion_area whose sites sit behind this point; null = the EAN's own site only. */
  @Column({ type: 'text', nullable: true })
  congestionArea!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
