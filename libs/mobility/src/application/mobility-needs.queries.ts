import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantScope } from '@vpp/access';
import { effectiveNeeds, EffectiveNeeds } from '../domain/effective-needs';
import { MobilityNeedsEntity } from '../infrastructure/mobility-needs.entity';
import { loadSubject, MobilitySubject, MobilitySubjectType } from './mobility-subject';
import { effectiveView, overrideView } from './mobility-needs.views';

/**
 * The override and effective needs of a subject loaded (and locked) in `manager`'s transaction:
 * the overrides as that transaction sees them, the reported needs as the subject holds them.
 */
export async function needsViewOf(manager: EntityManager, subject: MobilitySubject): Promise<Record<string, unknown>> {
  const { type, id } = subject;
  const repository = manager.getRepository(MobilityNeedsEntity);
  const own = await repository.findOne({ where: type === 'session' ? { sessionId: id } : { vehicleId: id } });
  const vehicle = type === 'session' && subject.vehicleId ? await repository.findOne({ where: { vehicleId: subject.vehicleId } }) : null;
  const effective: EffectiveNeeds = effectiveNeeds(subject.reported, type === 'session' ? own : null, type === 'vehicle' ? own : vehicle);
  return { subjectType: type, subjectId: id, override: own ? overrideView(own) : null, effective: effectiveView(effective) };
}

/** The needs downstream contexts must plan with: overrides first, then what was reported. */
@Injectable()
export class MobilityNeedsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async view(scope: TenantScope, type: MobilitySubjectType, id: string): Promise<Record<string, unknown>> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => needsViewOf(manager, await loadSubject(manager, scope, type, id)));
  }
}
