import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { SETTLEMENT_APP_NAME, SettlementModule } from './settlement.module';

const DEFAULT_PORT = 3004;

runHttpApp(SettlementModule, { appName: SETTLEMENT_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT }).catch(
  (error: unknown) => {
    process.stderr.write(`settlement failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
