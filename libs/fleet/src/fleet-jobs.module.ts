import { Module } from '@nestjs/common';
import { FleetModule } from './fleet.module';
import { MarkStaleSessionsProcessor } from './infrastructure/jobs/mark-stale-sessions.processor';
import { StaleSessionsScheduler } from './infrastructure/jobs/stale-sessions.scheduler';

/**
 * The `fleet` queue's processors and the periodic stale-session check; imported by the apps
 * that own the queue (connector, platform). Needs `QueuesModule.forRoot` in the app.
 */
@Module({ imports: [FleetModule], providers: [MarkStaleSessionsProcessor, StaleSessionsScheduler], exports: [StaleSessionsScheduler] })
export class FleetJobsModule {}
