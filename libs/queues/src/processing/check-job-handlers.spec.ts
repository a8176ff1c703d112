import { JobName } from '../catalog/job-catalog';
import { AppName, QueueName } from '../catalog/queue-name';
import { checkJobHandlers, DiscoveredJobHandler } from './check-job-handlers';

const probeHandler = (location = 'QueueProbeProcessor.complete'): DiscoveredJobHandler => ({
  queue: QueueName.Platform,
  jobName: JobName.CompleteQueueProbe,
  location,
});

describe(checkJobHandlers.name, () => {
  it('accepts exactly one handler per owned job', () => {
    expect(checkJobHandlers(AppName.Settlement, [probeHandler()])).toEqual([]);
    expect(checkJobHandlers(AppName.Platform, [probeHandler()])).toEqual([]);
  });

  it('accepts an app that owns no queue and has no handlers', () => {
    expect(checkJobHandlers(AppName.Api, [])).toEqual([]);
  });

  it('reports an owned job without a handler', () => {
    expect(checkJobHandlers(AppName.Settlement, [])).toEqual(['platform.complete-queue-probe (queue "platform") has no handler']);
  });

  it('reports duplicates with their locations', () => {
    const problems = checkJobHandlers(AppName.Platform, [probeHandler('A.complete'), probeHandler('B.complete')]);

    expect(problems).toEqual(['platform.complete-queue-probe has 2 handlers: A.complete, B.complete']);
  });

  it('reports a handler in an app that does not own the queue', () => {
    expect(checkJobHandlers(AppName.Dispatcher, [probeHandler()])).toEqual([
      'QueueProbeProcessor.complete handles platform.complete-queue-probe, but queue "platform" is not owned by app "dispatcher"',
    ]);
  });

  it('reports unknown job names and a queue that does not match the catalog, all at once', () => {
    const problems = checkJobHandlers(AppName.Platform, [
      { queue: QueueName.Reports, jobName: JobName.CompleteQueueProbe, location: 'Wrong.queue' },
      { queue: QueueName.Platform, jobName: 'platform.no-such-job', location: 'Stale.handler' },
    ]);

    expect(problems).toEqual([
      'Wrong.queue declares queue "reports" but platform.complete-queue-probe belongs to "platform"',
      'Stale.handler handles unknown job "platform.no-such-job"',
      'platform.complete-queue-probe (queue "platform") has no handler',
    ]);
  });
});
