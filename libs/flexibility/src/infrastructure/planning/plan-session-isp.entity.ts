import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Decimal } from '@vpp/units';
import { decimalColumn } from '../../../../persistence/src/decimal.transformer';
import { PlanRunEntity } from './plan-run.entity';

export type PlanSubjectKind = 'session' | 'boost' | 'forecast';

/**
 * Planned power of one session (or forecast cohort) in one ISP; ISPs without power are not
 * stored. `subject_ref` is the session id, or the forecast member id for cohorts.
 */
@Entity({ name: 'plan_session_isps' })
@Check('ck_plan_session_isps_kind', `kind IN ('session', 'boost', 'forecast')`)
@Check('ck_plan_session_isps_isp_start', `extract(epoch FROM isp_start) % 900 = 0`)
export class PlanSessionIspEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_session_isps' })
  planRunId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_plan_session_isps' })
  subjectRef!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_plan_session_isps' })
  ispStart!: Date;

  @ManyToOne(() => PlanRunEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_run_id', foreignKeyConstraintName: 'fk_plan_session_isps_run' })
  planRun?: PlanRunEntity;

  @Column({ type: 'uuid' })
  siteId!: string;

  @Column({ type: 'text' })
  kind!: PlanSubjectKind;

  @Column(decimalColumn('powerKw'))
  powerKw!: Decimal;
}
