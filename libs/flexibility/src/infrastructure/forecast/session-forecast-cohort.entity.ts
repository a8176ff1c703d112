import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { powerColumn, statColumn } from './forecast-numeric';
import { SessionForecastEntity } from './session-forecast.entity';

/** One ISP of a stored forecast: expected arrivals and what each arriving EV will need. */
@Entity({ name: 'session_forecast_cohorts' })
export class SessionForecastCohortEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_session_forecast_cohorts' })
  forecastId!: string;

  @ManyToOne(() => SessionForecastEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'forecast_id', foreignKeyConstraintName: 'fk_session_forecast_cohorts_forecast' })
  forecast?: SessionForecastEntity;

  /** 1-based within the delivery day. */
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_session_forecast_cohorts' })
  ispNumber!: number;

  @Column({ type: 'timestamptz' })
  ispStart!: Date;

  @Column(statColumn) expectedArrivals!: Decimal;
  @Column(statColumn) arrivalsP10!: Decimal;
  @Column(statColumn) arrivalsP50!: Decimal;
  @Column(statColumn) arrivalsP90!: Decimal;
  @Column(statColumn) expectedArrivingEnergyKwh!: Decimal;
  @Column(statColumn) arrivingEnergyKwhP10!: Decimal;
  @Column(statColumn) arrivingEnergyKwhP50!: Decimal;
  @Column(statColumn) arrivingEnergyKwhP90!: Decimal;
  @Column(statColumn) dwellHoursP10!: Decimal;
  @Column(statColumn) dwellHoursP50!: Decimal;
  @Column(statColumn) dwellHoursP90!: Decimal;
  @Column(statColumn) energyNeedKwhP10!: Decimal;
  @Column(statColumn) energyNeedKwhP50!: Decimal;
  @Column(statColumn) energyNeedKwhP90!: Decimal;
  @Column(powerColumn) maxPowerKw!: Decimal;

  @Column({ type: 'timestamptz' })
  arrivalAt!: Date;

  @Column({ type: 'timestamptz' })
  expectedDepartureAt!: Date;

  /** Reserves never count on these EVs after this instant. */
  @Column({ type: 'timestamptz' })
  p10DepartureAt!: Date;

  @Column({ type: 'integer' })
  sampleSessions!: number;
}
