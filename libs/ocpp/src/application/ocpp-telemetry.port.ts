import type { MeterReading } from '../domain/meter-reading';

export interface OcppMeterReadings {
  readonly sessionId: string | null;
  readonly stationId: string;
  readonly transactionId: string;
  readonly readings: readonly MeterReading[];
}

/**
 * Hands meter values to the telemetry context's ingest API (@vpp/telemetry). The transaction
 * row keeps only the latest reading; the history lives in telemetry.
 */
export interface OcppTelemetryPort {
  /** Returns how many readings were accepted for storage. */
  ingest(batch: OcppMeterReadings): Promise<number>;
}

export const OCPP_TELEMETRY_PORT = Symbol('OCPP_TELEMETRY_PORT');

export class UnwiredTelemetryPort implements OcppTelemetryPort {
  ingest(): Promise<number> {
    return Promise.resolve(0);
  }
}
