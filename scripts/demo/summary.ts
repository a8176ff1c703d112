import type { StageResult } from './stage-result';

/**
 * out/demo/summary.json, the contract of issue 8 item 1 (others read it). Money as decimal
 * strings; a figure whose stage did not run is null, and `stages` says why.
 */
export interface DemoSummary {
  readonly day: string;
  readonly isps: number;
  readonly evs: number;
  readonly sessions: number;
  readonly sessions_feasible: number;
  readonly sessions_need_met: number | null;
  readonly sessions_left_early: number | null;
  readonly energy_kwh: string;
  readonly bids: Record<string, number>;
  readonly awards_mw: Record<string, string>;
  readonly delivered_mwh: Record<string, string> | null;
  readonly tracking_error_pct: string | null;
  readonly revenue_eur: Record<string, string> | null;
  readonly allocation_eur: Record<string, string> | null;
  readonly uncontrolled_cost_eur: string;
  readonly optimised_cost_eur: string | null;
  readonly ledger_total_eur: string | null;
  readonly reconciles: boolean | null;
  readonly derived_inputs: string[];
  readonly reports: string[];
  readonly stages: Record<string, StageResult>;
}

export const SUMMARY_KEYS: readonly (keyof DemoSummary)[] = [
  'day', 'isps', 'evs', 'sessions', 'sessions_feasible', 'sessions_need_met', 'sessions_left_early', 'energy_kwh', 'bids', 'awards_mw',
  'delivered_mwh', 'tracking_error_pct', 'revenue_eur', 'allocation_eur', 'uncontrolled_cost_eur', 'optimised_cost_eur', 'ledger_total_eur',
  'reconciles', 'derived_inputs', 'reports', 'stages',
];
