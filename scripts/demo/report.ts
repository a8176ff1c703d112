import { basename } from 'node:path';
import type { ChainVerification, JsonValue } from '@vpp/access';
import type { SessionImportResult } from '@vpp/fleet/domain/imported-session';
import type { QueueProbeEntity } from '@vpp/queues';
import { Block, EnergyKwh, Money, RoundingMode, gateClosureInstant, parseGateClosureRule, roundLinesToCents } from '@vpp/units';
import type { DemoOptions } from './demo-options';
import type { PricedDay } from './price-sessions';
import type { RecordedRun } from './record-run';

// Said in every output that used it: the public data has no charging profiles.
export const BASELINE_ASSUMPTION =
  'ASSUMED: each session draws its observed max power (ElaadNL max_power_kw) from arrival until its energy is delivered; the data records no profile';

const GATES = [
  ['FCR capacity', 'D-1 08:00'],
  ['aFRR capacity (DE)', 'D-1 09:00'],
  ['day-ahead (SDAC)', 'D-1 12:00'],
] as const;

const kwh = (energy: EnergyKwh): string => energy.toFixed(3, RoundingMode.HALF_EVEN);
// Display only: the amounts are already rounded to cents; this just keeps two digits (0.00).
const cents = (money: Money): string => money.toFixed(2, RoundingMode.HALF_EVEN);

function blockLines(options: DemoOptions, priced: PricedDay): Array<{ label: string; hours: number; energy: EnergyKwh; cost: Money }> {
  return Block.allOf(options.day).map((block) => {
    const lines = block.isps().map((isp) => priced.perIsp[options.day.ispNumber(isp) - 1]);
    return {
      label: block.localLabel,
      hours: block.hours,
      energy: lines.reduce((sum, line) => sum.add(line.energy), EnergyKwh.zero()),
      cost: Money.sum(lines.map((line) => line.cost), 'EUR'),
    };
  });
}

/** The day's energy and its exact (unrounded) cost, summed over the ISP lines. */
function dayTotals(priced: PricedDay): { energy: EnergyKwh; exactCost: Money } {
  return {
    energy: priced.perIsp.reduce((sum, line) => sum.add(line.energy), EnergyKwh.zero()),
    exactCost: Money.sum(priced.perIsp.map((line) => line.cost), 'EUR'),
  };
}

/** What the audit entry of the run records: decimal strings, the assumption, the sources. */
export function runSummary(options: DemoOptions, imported: SessionImportResult, priced: PricedDay): JsonValue {
  const { energy, exactCost } = dayTotals(priced);
  return {
    deliveryDay: options.day.isoDate,
    ispCount: options.day.ispCount,
    sessionsFile: basename(options.sessionsPath),
    pricesFile: basename(options.pricesPath),
    sessionsUsable: imported.sessions.length,
    unusableByReason: { ...imported.unusable },
    energyKwh: kwh(energy),
    costEur: exactCost.roundToCents().toString(),
    costEurExact: exactCost.toString(),
    baseline: BASELINE_ASSUMPTION,
  };
}

export interface DemoReport {
  readonly options: DemoOptions;
  readonly imported: SessionImportResult;
  readonly priced: PricedDay;
  readonly summary: JsonValue;
  readonly applied: string[];
  readonly recorded: RecordedRun;
  readonly probe: QueueProbeEntity;
  readonly chain: ChainVerification;
  readonly elapsedMs: number;
}

export function printReport(report: DemoReport): void {
  const { options, imported, priced } = report;
  const day = options.day;
  const out: string[] = [];
  out.push(`ev-vpp demo: delivery day ${day.isoDate}, the smallest real slice of the platform today`, '');
  out.push('Market time (Europe/Amsterdam)');
  out.push(`  ${day.start.toISOString()} .. ${day.end.toISOString()}: ${day.durationHours.toString()} h, ${day.ispCount} ISPs`);
  out.push(`  blocks: ${Block.allOf(day).map((b) => `${b.localLabel} (${b.hours} h)`).join(', ')}`);
  for (const [market, rule] of GATES) {
    out.push(`  gate ${market}, ${rule}: ${gateClosureInstant(parseGateClosureRule(rule), day).toISOString()}`);
  }
  out.push(`  gate aFRR energy for ISP 1, -25m: ${gateClosureInstant(parseGateClosureRule('-25m'), day.ispAt(1)).toISOString()}`, '');
  out.push('Data (real, public: see ../shared/data/PROVENANCE.md)');
  out.push(`  sessions ${basename(options.sessionsPath)}: ${imported.rowsRead} arriving this day, ${imported.sessions.length} usable`);
  out.push(`  unusable by reason: ${Object.entries(imported.unusable).map(([reason, n]) => `${reason} ${n}`).join(', ')}`);
  out.push(`  prices ${basename(options.pricesPath)}: ${report.priced.perIsp.length} ISPs priced`, '');
  out.push('Uncontrolled charging at day-ahead prices');
  out.push(`  ${BASELINE_ASSUMPTION}`);
  const blocks = blockLines(options, priced);
  const blockCosts = roundLinesToCents(blocks.map((b) => b.cost));
  blocks.forEach((b, i) => out.push(`  block ${b.label}: ${kwh(b.energy).padStart(10)} kWh ${cents(blockCosts[i]).padStart(9)} EUR`));
  const { energy, exactCost } = dayTotals(priced);
  out.push(`  day:         ${kwh(energy).padStart(10)} kWh ${cents(exactCost.roundToCents()).padStart(9)} EUR (exact ${exactCost.toFixed(6, RoundingMode.HALF_EVEN)}; block lines rounded once, summing to it)`);
  out.push(`  drawn after the day ended (not priced here): ${kwh(priced.energyOutsideDay)} kWh; needs infeasible at max power: ${priced.infeasibleSessions}`, '');
  out.push('Platform pipeline');
  out.push(`  migrations applied now: ${report.applied.length === 0 ? 'none (database up to date)' : report.applied.join(', ')}`);
  out.push(`  audit: run ${report.recorded.runId} recorded in the demo operator's chain${report.recorded.operatorCreated ? ' (operator created)' : ''}`);
  out.push(`  audit chain verified: ${report.chain.ok ? `ok, ${report.chain.entries} entries` : `BROKEN at position ${report.chain.brokenAt} (${report.chain.reason})`}`);
  out.push(`  queue: probe ${report.probe.id} went outbox -> BullMQ -> platform worker; effects: ${report.probe.processedCount} (must be exactly 1)`);
  out.push('', `done in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}
