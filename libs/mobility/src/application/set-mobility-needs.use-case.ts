import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, auditRecord, TenantScope } from '@vpp/access';
import { Pseudonymiser } from '@vpp/privacy';
import { buildIdempotencyKey, enqueueInTransaction, JobName } from '@vpp/queues';
import { applyChange, MobilityNeeds, MobilityNeedsChange, MobilityNeedsSource, NO_NEEDS, validateNeeds } from '../domain/mobility-needs';
import { MobilityError } from '../domain/mobility.errors';
import { MobilityNeedsEntity } from '../infrastructure/mobility-needs.entity';
import { MOBILITY_CLOCK, type MobilityClock } from './mobility-clock';
import { loadSubject, MobilitySubject, MobilitySubjectType } from './mobility-subject';
import { overrideView } from './mobility-needs.views';
import { needsViewOf } from './mobility-needs.queries';

export interface SetMobilityNeedsCommand {
  readonly subjectType: MobilitySubjectType;
  readonly subjectId: string;
  /** `set` replaces every field (absent = not set); `change` keeps absent fields, null clears. */
  readonly mode: 'set' | 'change';
  readonly change: MobilityNeedsChange;
  readonly source?: MobilityNeedsSource;
  /** The driver's id in the caller's app; stored only as a keyed hash, for export and erasure. */
  readonly driverId?: string;
  /** Asks for an immediate boost with this change. */
  readonly boost?: boolean;
}

function needsOf(row: MobilityNeedsEntity | null): MobilityNeeds {
  return row ? { departureAt: row.departureAt, energyNeedKwh: row.energyNeedKwh, targetSocPct: row.targetSocPct, minSocPct: row.minSocPct } : NO_NEEDS;
}

/** The row written, and the needs view (override and effective) as its transaction saw them at its end. */
export interface SetMobilityNeedsResult {
  readonly row: MobilityNeedsEntity;
  readonly view: Record<string, unknown>;
}

/**
 * Sets or changes the authoritative needs of a session or vehicle, or asks for a boost (issue 3
 * item 6). Validated before anything is written; the change and its audit entry commit together.
 * A session's change also enqueues, in the same transaction, the recording of its baseline as
 * known now (`planning.record-session-baseline`): once need and departure are known, the session
 * settles against its own baseline, also when no plan runs after it arrived.
 */
@Injectable()
export class SetMobilityNeedsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
    private readonly pseudonymiser: Pseudonymiser,
    @Inject(MOBILITY_CLOCK) private readonly clock: MobilityClock,
  ) {}

  async execute(scope: TenantScope, command: SetMobilityNeedsCommand): Promise<SetMobilityNeedsResult> {
    return this.dataSource.transaction(async (manager) => {
      const subject = await loadSubject(manager, scope, command.subjectType, command.subjectId);
      if (subject.ended) throw new MobilityError('SESSION_ENDED', 'the session has ended; its needs can no longer change');
      const existing = await this.current(manager, subject);
      const now = this.clock.now();
      const next = applyChange(command.mode === 'set' ? NO_NEEDS : needsOf(existing), command.change);
      validateNeeds(next, { now, arrivalAt: subject.arrivalAt });
      const row: MobilityNeedsEntity = {
        id: existing?.id ?? randomUUID(),
        organisationId: scope.organisationId,
        sessionId: subject.type === 'session' ? subject.id : null,
        vehicleId: subject.type === 'vehicle' ? subject.id : null,
        ...next,
        boostRequestedAt: command.boost ? now : (existing?.boostRequestedAt ?? null),
        driverHash: command.driverId ? this.pseudonymiser.pseudonymise('driver', command.driverId) : (existing?.driverHash ?? null),
        source: command.source ?? (scope.principal.organisationKind === 'operator' ? 'operator' : 'driver-app'),
        setByType: scope.principal.type,
        setById: scope.principal.id,
        setAt: now,
        version: (existing?.version ?? 0) + 1,
      };
      // The row was read (and its subject locked) above: insert or update it, no read-back by save().
      if (existing) await manager.update(MobilityNeedsEntity, { id: row.id }, row);
      else await manager.insert(MobilityNeedsEntity, row);
      await this.auditLog.append(
        manager,
        auditRecord(scope, {
          action: command.boost ? 'mobility_needs.boost' : `mobility_needs.${command.mode}`,
          entityType: `${subject.type}_needs`,
          entityId: subject.id,
          before: existing ? overrideView(existing) : null,
          after: overrideView(row),
        }),
      );
      if (subject.type === 'session') {
        const idempotencyKey = buildIdempotencyKey('session-baseline', subject.id, String(now.getTime()));
        await enqueueInTransaction(manager, {
          name: JobName.RecordSessionBaseline,
          payload: { schemaVersion: 1, correlationId: idempotencyKey, idempotencyKey, sessionId: subject.id, knownAt: now.toISOString() },
        });
      }
      // The answer's view in this transaction (the subject stays locked until its commit): the
      // same reads a view after the commit makes, without a transaction of its own.
      return { row, view: await needsViewOf(manager, subject) };
    });
  }

  private current(manager: EntityManager, subject: MobilitySubject): Promise<MobilityNeedsEntity | null> {
    return manager.findOne(MobilityNeedsEntity, { where: subject.type === 'session' ? { sessionId: subject.id } : { vehicleId: subject.id } });
  }
}
