import 'reflect-metadata';
import { loadConfigOrExit } from '@vpp/config';
import { runHttpApp } from '@vpp/observability';
import { PLATFORM_APP_NAME, PlatformModule } from './platform.module';

const DEFAULT_PORT = 3000;

runHttpApp(PlatformModule, { appName: PLATFORM_APP_NAME, config: loadConfigOrExit(), defaultPort: DEFAULT_PORT, openApi: true }).catch(
  (error: unknown) => {
    process.stderr.write(`platform failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
