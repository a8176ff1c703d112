import { ProcessedJobEntity } from './idempotency/processed-job.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { QueueProbeEntity } from './probe/queue-probe.entity';

/** The tables of libs/queues, spread into ALL_ENTITIES in libs/persistence. */
export const QUEUES_ENTITIES = [OutboxMessageEntity, ProcessedJobEntity, QueueProbeEntity];
