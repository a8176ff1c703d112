import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { API_APP_NAME, ApiModule } from './api.module';

const DEFAULT_PORT = 3000;

runHttpApp(ApiModule, { appName: API_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT, openApi: true }).catch(
  (error: unknown) => {
    process.stderr.write(`api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
