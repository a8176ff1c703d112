import { ALL_JOB_NAMES, JOB_CATALOG, JobName } from '../catalog/job-catalog';
import { AppName, QueueName, queuesOwnedBy } from '../catalog/queue-name';
import { checkJobHandlers, DiscoveredJobHandler } from './check-job-handlers';

// One correct handler for every job the app owns, so each case below changes exactly one thing
// and the catalog can grow without touching this spec.
function handlersFor(app: AppName): DiscoveredJobHandler[] {
  const owned = new Set<string>(queuesOwnedBy(app));
  return ALL_JOB_NAMES.filter((name) => owned.has(JOB_CATALOG[name].queue)).map((jobName) => ({
    queue: JOB_CATALOG[jobName].queue,
    jobName,
    location: `Handler.${jobName}`,
  }));
}

const probe = JobName.CompleteQueueProbe;
const withoutProbe = (handlers: DiscoveredJobHandler[]): DiscoveredJobHandler[] => handlers.filter((h) => h.jobName !== probe);

describe(checkJobHandlers.name, () => {
  it.each([AppName.Settlement, AppName.Platform, AppName.Planner, AppName.Dispatcher, AppName.Api])(
    '%s: accepts exactly one handler per owned job',
    (app) => {
      expect(checkJobHandlers(app, handlersFor(app))).toEqual([]);
    },
  );

  it('accepts an app that owns no queue and has no handlers', () => {
    expect(queuesOwnedBy(AppName.Api)).toEqual([]);
    expect(checkJobHandlers(AppName.Api, [])).toEqual([]);
  });

  it('reports an owned job without a handler', () => {
    expect(checkJobHandlers(AppName.Platform, withoutProbe(handlersFor(AppName.Platform)))).toEqual([
      'platform.complete-queue-probe (queue "platform") has no handler',
    ]);
  });

  it('reports duplicates with their locations', () => {
    const handlers = [...handlersFor(AppName.Platform), { queue: QueueName.Platform, jobName: probe, location: 'B.complete' }];
    expect(checkJobHandlers(AppName.Platform, handlers)).toEqual([
      `platform.complete-queue-probe has 2 handlers: Handler.${probe}, B.complete`,
    ]);
  });

  it('reports a handler in an app that does not own the queue', () => {
    const handlers = [...handlersFor(AppName.Dispatcher), { queue: QueueName.Platform, jobName: probe, location: 'QueueProbeProcessor.complete' }];
    expect(checkJobHandlers(AppName.Dispatcher, handlers)).toEqual([
      'QueueProbeProcessor.complete handles platform.complete-queue-probe, but queue "platform" is not owned by app "dispatcher"',
    ]);
  });

  it('reports unknown job names and a queue that does not match the catalog, all at once', () => {
    const problems = checkJobHandlers(AppName.Platform, [
      ...withoutProbe(handlersFor(AppName.Platform)),
      { queue: QueueName.Reports, jobName: probe, location: 'Wrong.queue' },
      { queue: QueueName.Platform, jobName: 'platform.no-such-job', location: 'Stale.handler' },
    ]);
    expect(problems).toEqual([
      'Wrong.queue declares queue "reports" but platform.complete-queue-probe belongs to "platform"',
      'Stale.handler handles unknown job "platform.no-such-job"',
      'platform.complete-queue-probe (queue "platform") has no handler',
    ]);
  });
});
