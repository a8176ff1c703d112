import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
// Relative, not @vpp/persistence: the entity registry loads this file (the barrel would be a cycle).
import { decimalColumn } from '../../../persistence/src/decimal.transformer';
import type { Decimal } from '@vpp/units';
import type { ChargingState } from '../protocol/ocpp-messages';
import type { OcppSessionStatus } from '../domain/transaction-progress';
import { OcppStationEntity } from './ocpp-station.entity';

/**
 * One OCPP transaction (= one session of the fleet model). Transaction ids are unique per
 * station only (2.0.1 Part 2 E01.FR.xx), so the key is (station, transaction id).
 */
@Entity({ name: 'ocpp_transactions' })
@Unique('uq_ocpp_transactions_station_transaction', ['ocppStationId', 'transactionId'])
@Index('ix_ocpp_transactions_station_evse', ['ocppStationId', 'evseNumber'])
@Check('ck_ocpp_transactions_status', `status IN ('plugged_in', 'charging', 'suspended', 'finished')`)
export class OcppTransactionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ocpp_transactions' })
  id!: string;

  @Column({ type: 'uuid' })
  ocppStationId!: string;

  @ManyToOne(() => OcppStationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ocpp_station_id', foreignKeyConstraintName: 'fk_ocpp_transactions_station' })
  station?: OcppStationEntity;

  @Column({ type: 'varchar', length: 36 })
  transactionId!: string;

  /** The station's own EVSE number (1-based within the station). */
  @Column({ type: 'integer' })
  evseNumber!: number;

  /** Our session in the fleet model, once the fleet use case has created it. */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text' })
  status!: OcppSessionStatus;

  @Column({ type: 'text', nullable: true })
  chargingState!: ChargingState | null;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'integer' })
  lastSeqNo!: number;

  @Column({ type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ ...decimalColumn('powerKw', { nullable: true }) })
  lastPowerKw!: Decimal | null;

  @Column({ ...decimalColumn('energyKwh', { nullable: true }) })
  energyRegisterKwh!: Decimal | null;

  /** Lowest register reading of the transaction: delivered energy = register - this. */
  @Column({ ...decimalColumn('energyKwh', { nullable: true }) })
  startRegisterKwh!: Decimal | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastReadingAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  departureAt!: Date | null;

  @Column({ ...decimalColumn('energyKwh', { nullable: true }) })
  energyNeedKwh!: Decimal | null;

  /** Magnitude (>= 0) the EV offers to discharge (2.1 NotifyEVChargingNeeds V2X parameters). */
  @Column({ ...decimalColumn('powerKw', { nullable: true }) })
  maxDischargeKw!: Decimal | null;

  /** Set when the station's socket dropped during the transaction; cleared by its next message. */
  @Column({ type: 'timestamptz', nullable: true })
  telemetryStaleSince!: Date | null;

  /** TransactionEvents received with `offline: true` (queued by the station while disconnected). */
  @Column({ type: 'integer', default: 0 })
  offlineEventCount!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
