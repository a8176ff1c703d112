import { dirname, join, relative } from 'node:path';
import type { DemoSummary } from './summary';

const orDash = (value: unknown): string => (value === null || value === undefined ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The short readable summary on stdout; summary.json holds everything. */
export function printSummary(summary: DemoSummary, summaryPath: string, elapsedMs: number): void {
  const out: string[] = [];
  out.push(`ev-vpp demo: simulated market day ${summary.day} (${summary.isps} ISPs), ${summary.evs} EVs`, '');
  out.push(`  sessions            ${summary.sessions} (feasible ${summary.sessions_feasible}, need met ${orDash(summary.sessions_need_met)}, left early ${orDash(summary.sessions_left_early)})`);
  out.push(`  energy              ${summary.energy_kwh} kWh`);
  out.push(`  bids                ${orDash(summary.bids)}`);
  out.push(`  awards MW           ${orDash(summary.awards_mw)}`);
  out.push(`  delivered MWh       ${orDash(summary.delivered_mwh)}   aFRR tracking error % ${orDash(summary.tracking_error_pct)}`);
  out.push(`  revenue EUR         ${orDash(summary.revenue_eur)}`);
  out.push(`  allocation EUR      ${orDash(summary.allocation_eur)}`);
  out.push(`  cost EUR            uncontrolled ${summary.uncontrolled_cost_eur}, optimised ${orDash(summary.optimised_cost_eur)}`);
  out.push(`  ledger EUR          ${orDash(summary.ledger_total_eur)}   reconciles: ${orDash(summary.reconciles)}`, '');
  out.push('Stages');
  for (const [name, stage] of Object.entries(summary.stages)) {
    const why = stage.status === 'not_run' ? `: ${stage.reason}` : stage.status === 'failed' ? `: ${stage.error}` : '';
    out.push(`  ${name.padEnd(14)} ${stage.status}${why}`);
  }
  out.push('', 'Derived or assumed inputs');
  for (const input of summary.derived_inputs) out.push(`  - ${input}`);
  const reportsDir = join(dirname(summaryPath), 'reports');
  out.push('', `summary: ${relative(process.cwd(), summaryPath)}${summary.reports.length > 0 ? `; reports: ${summary.reports.length} files under ${relative(process.cwd(), reportsDir)}` : ''}`);
  out.push(`done in ${(elapsedMs / 1000).toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}
