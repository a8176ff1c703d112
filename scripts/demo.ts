// `npm run demo`: one simulated market day through the platform's production paths (see the
// README and scripts/demo/main.ts): its own database, the parties seeded with API keys, real
// sessions imported, the platform and simulated counterparties started, every stage run in
// accelerated time, out/demo/summary.json written.
import 'reflect-metadata';
import { runMarketDay } from './demo/main';

runMarketDay().then(
  // The platform's connections are closed by then; exit so no stray timer of a counterparty keeps the process up.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
