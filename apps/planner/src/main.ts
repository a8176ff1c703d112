import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { PLANNER_APP_NAME, PlannerModule } from './planner.module';

const DEFAULT_PORT = 3002;

runHttpApp(PlannerModule, { appName: PLANNER_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT }).catch(
  (error: unknown) => {
    process.stderr.write(`planner failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
