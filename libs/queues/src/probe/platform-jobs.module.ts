import { Module } from '@nestjs/common';
import { QueueProbeProcessor } from './queue-probe.processor';

/** The processors of the `platform` queue; imported by the app that owns it (settlement, platform). */
@Module({ providers: [QueueProbeProcessor] })
export class PlatformJobsModule {}
