import { Injectable } from '@nestjs/common';
import { EnergyReading, MeterValueGroupIngest, MeterValueIngestService, MeterValueInput, powerFromEnergyStep } from '@vpp/telemetry';
import { Decimal, EnergyKwh } from '@vpp/units';

/** A Session's energy as the CPO reported it at `lastUpdated` (a PUT, or a PATCH carrying `kwh`). */
export interface ReportedSessionEnergy {
  /** Our session in the fleet model (`sessions.id`): what meter values are keyed by. */
  readonly fleetSessionId: string;
  readonly kwh: EnergyKwh;
  readonly lastUpdated: Date;
  /** The Session's start_date_time, when known: the register's 0 kWh point of a session without stored values. */
  readonly startedAt: Date | null;
  /**
   * The fleet session was created by the very write that reported this energy (a Session's first
   * PUT): a fresh id holds no meter values, so there is no previous one to read.
   */
  readonly newSession?: boolean;
}

const ZERO = new Decimal(0);

/**
 * OCPI Session energy into `meter_values` (issue 3 item 8): each reported `kwh` becomes a meter
 * value of the session at its `last_updated`, register = kwh (measured by the CPO), power DERIVED
 * from the energy step since the session's previous stored value (`power_source =
 * 'derived_from_energy'`; OCPI carries no power). A session's first value also stores its start
 * (0 kWh at start_date_time, DERIVED: a Session's kwh counts from its start), so the energy before
 * the first report is not lost to settlement; not when the start lies further back than the ingest's
 * neighbour window, 72 h by default).
 *
 * Idempotent by the ingest's (session, instant) key: the previous value is read from
 * `meter_values` itself, so a replayed PUT/PATCH finds its own value stored and writes nothing,
 * and one that failed half-way (session stored, meter value not: the CPO got an error and
 * retries) derives the same power again. Out of order (an older `last_updated`): the step is
 * taken from the nearest earlier stored value, and a register below it gives power 0, never a
 * negative one (the ingest then quarantines it as `negative_energy_step`). Called after the
 * Session's transaction committed; the PUT/PATCH is answered only once the value is stored
 * (group commit with concurrent requests).
 */
@Injectable()
export class OcpiSessionTelemetry {
  constructor(
    private readonly telemetry: MeterValueIngestService,
    private readonly group: MeterValueGroupIngest,
  ) {}

  async record(reported: ReportedSessionEnergy): Promise<void> {
    const at = reported.lastUpdated;
    const previous = reported.newSession === true ? null : await this.telemetry.latestAtOrBefore(reported.fleetSessionId, at);
    if (previous !== null && previous.measuredAt.getTime() === at.getTime()) return;
    const current: EnergyReading = { atMs: at.getTime(), energyKwh: reported.kwh.value };
    const rows: MeterValueInput[] = [];
    let stepFrom: EnergyReading | null = previous === null ? null : { atMs: previous.measuredAt.getTime(), energyKwh: new Decimal(previous.energyRegisterKwh) };
    const startedAt = reported.startedAt;
    // The start as 0 kWh, unless further back than the ingest's neighbour window (a session that
    // long, or a replayed old one: such a derived point would only be quarantined or bracket nothing).
    if (stepFrom === null && startedAt !== null && startedAt.getTime() < at.getTime() && at.getTime() - startedAt.getTime() <= this.telemetry.neighbourWindowMs) {
      stepFrom = { atMs: startedAt.getTime(), energyKwh: ZERO };
      const power = powerFromEnergyStep(stepFrom, current);
      rows.push(this.row(reported.fleetSessionId, startedAt, '0', power));
    }
    rows.push(this.row(reported.fleetSessionId, at, reported.kwh.value.toFixed(), powerFromEnergyStep(stepFrom, current)));
    await this.group.submit(rows);
  }

  private row(sessionId: string, at: Date, energyKwh: string, powerKw: string): MeterValueInput {
    return { sessionId, measuredAt: at.toISOString(), powerKw, energyRegisterKwh: energyKwh, source: 'ocpi', powerSource: 'derived_from_energy' };
  }
}
