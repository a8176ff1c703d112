import { Injectable, Logger } from '@nestjs/common';
import { MeterValueIngestService, MeterValueInput } from '@vpp/telemetry';
import type { OcppMeterReadings, OcppTelemetryPort } from '../application/ocpp-telemetry.port';

/**
 * Hands OCPP readings to @vpp/telemetry as decimal strings (never JS numbers). Telemetry keys
 * rows by our session, so readings of unmapped stations (no session) and readings without both
 * power and register (telemetry needs both) are not stored; the count returned says so.
 */
@Injectable()
export class TelemetryIngestAdapter implements OcppTelemetryPort {
  private readonly logger = new Logger(TelemetryIngestAdapter.name);

  constructor(private readonly ingestService: MeterValueIngestService) {}

  async ingest(batch: OcppMeterReadings): Promise<number> {
    const sessionId = batch.sessionId;
    if (sessionId === null) return 0;
    const rows: MeterValueInput[] = [];
    for (const reading of batch.readings) {
      if (reading.powerKw === null || reading.energyRegisterKwh === null) continue;
      rows.push({
        sessionId,
        measuredAt: reading.measuredAt.toISOString(),
        powerKw: reading.powerKw.toFixed(),
        energyRegisterKwh: reading.energyRegisterKwh.toFixed(),
        socPct: reading.socPct?.toFixed() ?? null,
        source: 'ocpp',
      });
    }
    if (rows.length === 0) return 0;
    const result = await this.ingestService.ingestMeterValues(rows);
    const quarantined = Object.values(result.quarantined).reduce((sum, n) => sum + n, 0);
    if (quarantined > 0) this.logger.warn({ stationId: batch.stationId, transactionId: batch.transactionId, quarantined: result.quarantined }, 'OCPP meter values quarantined');
    return result.inserted + result.duplicates;
  }
}
