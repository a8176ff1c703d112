import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { SIMULATOR_APP_NAME, SimulatorModule } from './simulator.module';

const DEFAULT_PORT = 3005;

runHttpApp(SimulatorModule, { appName: SIMULATOR_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT }).catch(
  (error: unknown) => {
    process.stderr.write(`simulator failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
