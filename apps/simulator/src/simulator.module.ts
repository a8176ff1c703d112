import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConfigModule } from '@vpp/config';
import { ObservabilityModule } from '@vpp/observability';
import { dataSourceOptions } from '@vpp/persistence';
import { SimulatedCounterpartiesModule } from './counterparties/simulated-counterparties.module';
import { SimulatedOemModule } from './oem/simulated-oem.module';
import { SimulatedMarketsModule } from './exchange/simulated-markets.module';
import { SimulatedTsoModule } from './tso/simulated-tso.module';

export const SIMULATOR_APP_NAME = 'simulator';

/**
 * Simulated counterparties for demos and tests: OCPI CPOs and OCPP stations against the connector
 * (SIMULATOR_*), an OEM cloud (OEM_SIMULATOR_PORT), and the market counterparties: TSO, exchange,
 * GOPACS (GATEWAYS_SIM_*_PORT), and the TSO's activation feed to the dispatcher (SIMULATOR_TSO_*).
 */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => dataSourceOptions(config) }),
    SimulatedOemModule,
    SimulatedCounterpartiesModule,
    SimulatedMarketsModule,
    SimulatedTsoModule,
    ObservabilityModule.forApp(SIMULATOR_APP_NAME),
  ],
})
export class SimulatorModule {}
