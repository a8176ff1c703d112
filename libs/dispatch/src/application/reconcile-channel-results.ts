import type { DataSource } from 'typeorm';

// Each channel keeps its own command row with the outcome and latency (and feeds channel_latency
// itself); a dispatch command links to it by channel_command_id. Only terminal outcomes are copied.
const RECONCILE: Record<'ocpi' | 'oem' | 'ocpp', string> = {
  // OCPI answers asynchronously on our response_url (libs/ocpi records it).
  ocpi: `UPDATE dispatch_commands d
        SET status = CASE o.status WHEN 'confirmed' THEN 'accepted' WHEN 'rejected' THEN 'rejected' ELSE 'failed' END,
            latency_ms = o.latency_ms, answered_at = o.result_at, error = CASE WHEN o.status = 'confirmed' THEN NULL ELSE coalesce(o.result, o.status) END
       FROM dispatch_command_batches b, ocpi_charging_profile_commands o
      WHERE b.id = d.batch_id AND b.portfolio_id = $1 AND b.channel = 'ocpi' AND d.status = 'sent'
        AND o.id::text = d.channel_command_id AND o.status IN ('confirmed', 'rejected', 'failed', 'timed_out')`,
  // OEM: the cloud acknowledges at once, the effect comes later by command.result webhook (libs/oem).
  oem: `UPDATE dispatch_commands d
        SET status = CASE o.status WHEN 'applied' THEN 'accepted' ELSE 'failed' END,
            latency_ms = o.latency_ms, answered_at = coalesce(o.applied_at, now()), error = CASE WHEN o.status = 'applied' THEN NULL ELSE coalesce(o.failure_code, o.status) END
       FROM dispatch_command_batches b, oem_commands o
      WHERE b.id = d.batch_id AND b.portfolio_id = $1 AND b.channel = 'oem' AND d.status = 'sent'
        AND o.id::text = d.channel_command_id AND o.status IN ('applied', 'failed')`,
  // OCPP in a split deployment: the connector sent it over the station's socket (libs/ocpp's row).
  ocpp: `UPDATE dispatch_commands d
        SET status = o.status, latency_ms = o.latency_ms, answered_at = o.answered_at, error = o.error
       FROM dispatch_command_batches b, ocpp_commands o
      WHERE b.id = d.batch_id AND b.portfolio_id = $1 AND b.channel = 'ocpp' AND d.status = 'sent'
        AND o.id::text = d.channel_command_id AND o.status IN ('accepted', 'rejected', 'failed')`,
};

/**
 * Copies the channels' asynchronous outcomes onto the portfolio's dispatch commands still waiting
 * for them; run on each session refresh. Returns how many commands got their answer.
 */
export async function reconcileChannelResults(dataSource: DataSource, portfolioId: string): Promise<number> {
  let answered = 0;
  for (const statement of Object.values(RECONCILE)) {
    const rows: Array<{ n: string }> = await dataSource.query(`WITH updated AS (${statement} RETURNING d.id) SELECT count(*) AS n FROM updated`, [portfolioId]);
    answered += Number.parseInt(rows[0].n, 10);
  }
  return answered;
}
