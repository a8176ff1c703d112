import { daysFrom } from '../domain/day-partition';
import type { MeterValuePartitions } from '../infrastructure/meter-value-partitions';

/**
 * Creates today's and the next days' partitions before values for them arrive, so the ingest
 * path normally finds its partitions in place (it still creates missing ones on demand).
 */
export class EnsureMeterValuePartitionsUseCase {
  constructor(private readonly partitions: MeterValuePartitions) {}

  async execute(now: Date, daysAhead: number): Promise<string[]> {
    return this.partitions.ensure(daysFrom(now, daysAhead + 1));
  }
}
