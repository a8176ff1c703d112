import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { CONNECTOR_APP_NAME, ConnectorModule } from './connector.module';

const DEFAULT_PORT = 3001;

runHttpApp(ConnectorModule, { appName: CONNECTOR_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT }).catch(
  (error: unknown) => {
    process.stderr.write(`connector failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
