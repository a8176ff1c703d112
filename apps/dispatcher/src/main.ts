import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { DISPATCHER_APP_NAME, DispatcherModule } from './dispatcher.module';

const DEFAULT_PORT = 3003;

runHttpApp(DispatcherModule, { appName: DISPATCHER_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT }).catch(
  (error: unknown) => {
    process.stderr.write(`dispatcher failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
