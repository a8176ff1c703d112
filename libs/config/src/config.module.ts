import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './config';
import { PLATFORM_CLOCK, systemClock } from './platform-clock';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig() }, { provide: PLATFORM_CLOCK, useValue: systemClock }],
  exports: [APP_CONFIG, PLATFORM_CLOCK],
})
export class ConfigModule {}
