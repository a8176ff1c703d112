// `npm run backtest`: many delivery days through the platform's production code path in process
// (planner, dispatcher, settlement pricing; see scripts/backtest/main.ts and the README), with
// per-day KPIs, a chart and backtest.json written to --out (default out/backtest).
import { BacktestUsageError } from './backtest/options';
import { runBacktest } from './backtest/main';

runBacktest().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof BacktestUsageError) {
      process.stderr.write(`backtest: ${error.message}\n`);
      process.exit(64); // EX_USAGE
    }
    process.stderr.write(`backtest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
