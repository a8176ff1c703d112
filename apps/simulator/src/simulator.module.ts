import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { SimulatedOemModule } from './oem/simulated-oem.module';

export const SIMULATOR_APP_NAME = 'simulator';

/** Simulated fleets and market counterparties for demos and tests. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    SimulatedOemModule,
    ObservabilityModule.forApp(SIMULATOR_APP_NAME),
  ],
})
export class SimulatorModule {}
