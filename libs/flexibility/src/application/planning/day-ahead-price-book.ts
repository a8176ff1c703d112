import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { readDayAheadPrices, type DayAheadPriceSeries } from '@vpp/markets';
import type { Isp } from '@vpp/units';
import { decimalToFloat } from '../../domain/site-services/site-services-mapping';

/**
 * Day-ahead prices the planner may use, from the configured files (ARCHITECTURE.md section 6
 * layout), read once per process. Until a market-data feed stores prices, the files stand in for
 * it; a plan records which price source it used and whether it was a forecast.
 */
@Injectable()
export class DayAheadPriceBook {
  private series: DayAheadPriceSeries[] | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  priceAt(isp: Isp): number | undefined {
    this.series ??= this.config.planning.dayAheadPriceFiles
      .map((file) => (isAbsolute(file) ? file : join(this.config.dataDir, file)))
      .filter((path) => existsSync(path))
      .map((path) => readDayAheadPrices(path));
    for (const series of this.series) {
      const price = series.priceFor(isp);
      if (price !== undefined) return decimalToFloat(price.value);
    }
    return undefined;
  }
}
