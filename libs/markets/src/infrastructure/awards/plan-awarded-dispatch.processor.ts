import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler, JobName, JobOutcome, JobPayload, QueueName } from '@vpp/queues';

/**
 * `planning.plan-awarded-dispatch`: the hand-over of a gate's awards to dispatch planning. The
 * awards are stored (`market_awards`) before this job exists; re-planning the portfolio's
 * schedule around them is dispatch planning's (issue 6). Until that consumer is bound, this
 * handler confirms what was handed over in the log and leaves the job done, so the planner's
 * boot check (one handler per job of its queues) holds.
 */
@Injectable()
export class PlanAwardedDispatchProcessor {
  private readonly logger = new Logger(PlanAwardedDispatchProcessor.name);

  constructor(private readonly dataSource: DataSource) {}

  @JobHandler(QueueName.Planning, JobName.PlanAwardedDispatch)
  async handOver(payload: JobPayload<typeof JobName.PlanAwardedDispatch>, context: JobContext): Promise<JobOutcome> {
    const rows: { market: string; awards: string; mw: string }[] = await this.dataSource.query(
      `SELECT market, count(*)::text AS awards, sum(quantity_mw)::text AS mw FROM market_awards WHERE gate_key = $1 AND portfolio_id = $2 GROUP BY market ORDER BY market`,
      [payload.gateKey, payload.portfolioId],
    );
    this.logger.log({ msg: 'awards handed to dispatch planning', jobId: context.jobId, gateKey: payload.gateKey, portfolioId: payload.portfolioId, deliveryDay: payload.deliveryDay, byMarket: rows });
    return rows.length > 0 ? 'done' : 'skipped';
  }
}
