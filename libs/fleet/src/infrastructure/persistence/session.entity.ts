import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn, decimalTransformer } from '../../../../persistence/src/decimal.transformer';
import type { ControlChannel, SessionSource } from '../../domain/fleet-vocabulary';
import type { SessionNeedsIssue } from '../../domain/session-needs';
import type { SessionStatus } from '../../domain/session-status';
import { EvseEntity } from './evse.entity';
import { FleetEntity } from './fleet.entity';
import { VehicleEntity } from './vehicle.entity';

const socColumn = { type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer(2, 5), nullable: true } as const;

/** One EV plugged into one EVSE, live or historical (ARCHITECTURE.md section 2, "Session"). */
@Entity({ name: 'sessions' })
@Unique('uq_sessions_fleet_import_ref', ['fleetId', 'importRef'])
@Index('ix_sessions_evse_id', ['evseId'])
@Index('ix_sessions_vehicle_id', ['vehicleId'])
@Index('ix_sessions_fleet_arrival', ['fleetId', 'arrivalAt'])
@Index('ix_sessions_status_last_seen', ['status', 'lastSeenAt'])
@Check('ck_sessions_status', `status IN ('planned', 'plugged_in', 'charging', 'suspended', 'finished', 'stale')`)
@Check('ck_sessions_control_channel', `control_channel IS NULL OR control_channel IN ('ocpi', 'ocpp', 'oem')`)
@Check('ck_sessions_source', `source IN ('import', 'ocpi', 'ocpp', 'oem')`)
@Check('ck_sessions_soc', `(target_soc_pct IS NULL OR target_soc_pct BETWEEN 0 AND 100) AND (min_soc_pct IS NULL OR min_soc_pct BETWEEN 0 AND 100)`)
@Check('ck_sessions_energy', `energy_delivered_kwh >= 0 AND (energy_need_kwh IS NULL OR energy_need_kwh >= 0)`)
@Check('ck_sessions_power', `(max_power_kw IS NULL OR max_power_kw >= 0) AND (min_power_kw IS NULL OR min_power_kw >= 0)`)
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_sessions' })
  id!: string;

  @Column({ type: 'uuid' })
  fleetId!: string;

  @ManyToOne(() => FleetEntity, { nullable: false })
  @JoinColumn({ name: 'fleet_id', foreignKeyConstraintName: 'fk_sessions_fleet' })
  fleet?: FleetEntity;

  @Column({ type: 'uuid', nullable: true })
  vehicleId!: string | null;

  @ManyToOne(() => VehicleEntity, { nullable: true })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'fk_sessions_vehicle' })
  vehicle?: VehicleEntity;

  @Column({ type: 'uuid' })
  evseId!: string;

  @ManyToOne(() => EvseEntity, { nullable: false })
  @JoinColumn({ name: 'evse_id', foreignKeyConstraintName: 'fk_sessions_evse' })
  evse?: EvseEntity;

  @Column({ type: 'timestamptz' })
  arrivalAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expectedDepartureAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  actualDepartureAt!: Date | null;

  @Column({ ...decimalColumn('energyKwh'), nullable: true })
  energyNeedKwh!: Decimal | null;

  /** Percent, 0-100, two decimals. */
  @Column(socColumn)
  targetSocPct!: Decimal | null;

  @Column(socColumn)
  minSocPct!: Decimal | null;

  @Column(decimalColumn('energyKwh'))
  energyDeliveredKwh!: Decimal;

  @Column({ ...decimalColumn('powerKw'), nullable: true })
  maxPowerKw!: Decimal | null;

  /** The lowest non-zero power the channel can hold (e.g. 6 A x phases for AC); below it only 0 works. */
  @Column({ ...decimalColumn('powerKw'), nullable: true })
  minPowerKw!: Decimal | null;

  @Column({ type: 'text' })
  status!: SessionStatus;

  /** Null for historical sessions nobody can steer. */
  @Column({ type: 'text', nullable: true })
  controlChannel!: ControlChannel | null;

  @Column({ type: 'boolean' })
  canDischarge!: boolean;

  @Column({ type: 'text' })
  source!: SessionSource;

  @Column({ type: 'boolean' })
  historical!: boolean;

  /** Why planners must skip this session (bad needs), null when usable. */
  @Column({ type: 'text', nullable: true })
  unusableReason!: SessionNeedsIssue | null;

  /** When the source last said anything about the session; drives staleness. */
  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The source's own last-modified time (OCPI `last_updated`): older updates never overwrite newer data. */
  @Column({ type: 'timestamptz', nullable: true })
  externalUpdatedAt!: Date | null;

  /** `<format>:<session id in the file>` for imported sessions (idempotent re-import). */
  @Column({ type: 'text', nullable: true })
  importRef!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
