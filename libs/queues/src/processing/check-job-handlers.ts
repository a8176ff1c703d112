import { ALL_JOB_NAMES, JOB_CATALOG, isJobName } from '../catalog/job-catalog';
import { AppName, queuesOwnedBy } from '../catalog/queue-name';
import type { JobHandlerMetadata } from './job-handler.decorator';

export interface DiscoveredJobHandler extends JobHandlerMetadata {
  /** `ProviderClass.method`, for the error message. */
  readonly location: string;
}

/**
 * The boot check (STYLE.md 9.4): every job of the queues `app` owns has exactly one handler, and
 * no handler sits in an app that does not own its queue. Returns every problem, not the first.
 */
export function checkJobHandlers(app: AppName, handlers: readonly DiscoveredJobHandler[]): string[] {
  const owned = new Set<string>(queuesOwnedBy(app));
  const problems: string[] = [];
  for (const handler of handlers) {
    if (!isJobName(handler.jobName)) {
      problems.push(`${handler.location} handles unknown job "${handler.jobName}"`);
    } else if (JOB_CATALOG[handler.jobName].queue !== handler.queue) {
      problems.push(`${handler.location} declares queue "${handler.queue}" but ${handler.jobName} belongs to "${JOB_CATALOG[handler.jobName].queue}"`);
    } else if (!owned.has(handler.queue)) {
      problems.push(`${handler.location} handles ${handler.jobName}, but queue "${handler.queue}" is not owned by app "${app}"`);
    }
  }
  for (const jobName of ALL_JOB_NAMES.filter((name) => owned.has(JOB_CATALOG[name].queue))) {
    const found = handlers.filter((handler) => handler.jobName === jobName && handler.queue === JOB_CATALOG[jobName].queue);
    if (found.length === 0) problems.push(`${jobName} (queue "${JOB_CATALOG[jobName].queue}") has no handler`);
    if (found.length > 1) problems.push(`${jobName} has ${found.length} handlers: ${found.map((h) => h.location).join(', ')}`);
  }
  return problems;
}
