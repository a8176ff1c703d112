import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OcppStationEntity } from './ocpp-station.entity';

export type OcppCommandStatus = 'sent' | 'accepted' | 'rejected' | 'failed';

/**
 * Every command we send, recorded before sending (so a crash mid-call leaves a trace) and
 * completed with the station's answer and the measured request-to-response latency.
 */
@Entity({ name: 'ocpp_commands' })
@Index('ix_ocpp_commands_station_sent_at', ['ocppStationId', 'sentAt'])
@Check('ck_ocpp_commands_status', `status IN ('sent', 'accepted', 'rejected', 'failed')`)
export class OcppCommandEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpp_commands' })
  id!: string;

  @Column({ type: 'uuid' })
  ocppStationId!: string;

  @ManyToOne(() => OcppStationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ocpp_station_id', foreignKeyConstraintName: 'fk_ocpp_commands_station' })
  station?: OcppStationEntity;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  transactionId!: string | null;

  @Column({ type: 'jsonb' })
  request!: object;

  @Column({ type: 'text' })
  status!: OcppCommandStatus;

  @Column({ type: 'jsonb', nullable: true })
  response!: object | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz' })
  sentAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  latencyMs!: number | null;
}
