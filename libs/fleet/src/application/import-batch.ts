import type { EntityManager } from 'typeorm';
import { Decimal, RoundingMode } from '@vpp/units';
import type { ImportedSession } from '../domain/imported-session';
import { SessionNeedsIssue, sessionNeedsIssue } from '../domain/session-needs';
import type { SessionFileFormat } from '../infrastructure/import/session-file-format';
import {
  EvseSpec, ImportTarget, SessionRowSpec, evseKey, upsertImportEvses, insertImportSessions, upsertImportSites, upsertImportVehicles,
} from '../infrastructure/import/session-import.writer';

/**
 * Collects usable sessions of one import and writes them in bulk: sites, charge points, EVSEs
 * and vehicles first (upserts keyed by import refs), then the sessions. Ids of sites and vehicles
 * are cached across batches; EVSEs are upserted each batch because their rating may grow.
 */
export class ImportBatch {
  private sessions: ImportedSession[] = [];
  private readonly siteIds = new Map<string, string>();
  private readonly vehicleIds = new Map<string, string>();
  imported = 0;
  written = 0;
  readonly flagged: Partial<Record<SessionNeedsIssue, number>> = {};

  constructor(
    private readonly manager: EntityManager,
    private readonly target: ImportTarget,
    private readonly format: SessionFileFormat,
    private readonly pseudonymise: (rawId: string) => string,
  ) {}

  get size(): number {
    return this.sessions.length;
  }

  add(session: ImportedSession): void {
    this.sessions.push(session);
  }

  async flush(): Promise<void> {
    if (this.sessions.length === 0) return;
    const sessions = this.sessions;
    this.sessions = [];
    await this.ensureSites(sessions);
    const evseIds = await upsertImportEvses(this.manager, this.siteIds, this.evseSpecs(sessions));
    await this.ensureVehicles(sessions);
    const rows = sessions.map((s) => this.rowSpec(s));
    this.imported += await insertImportSessions(this.manager, this.target.fleetId, rows, evseIds, this.vehicleIds);
    this.written += rows.length;
  }

  private async ensureSites(sessions: readonly ImportedSession[]): Promise<void> {
    const missing = new Map<string, string>();
    for (const s of sessions) {
      const ref = this.siteRef(s);
      if (!this.siteIds.has(ref)) missing.set(ref, s.siteName ?? s.siteId);
    }
    for (const [ref, id] of await upsertImportSites(this.manager, this.target, missing)) this.siteIds.set(ref, id);
  }

  private async ensureVehicles(sessions: readonly ImportedSession[]): Promise<void> {
    const missing = new Set<string>();
    for (const s of sessions) {
      const pseudonym = this.vehiclePseudonym(s);
      if (pseudonym !== null && !this.vehicleIds.has(pseudonym)) missing.add(pseudonym);
    }
    for (const [p, id] of await upsertImportVehicles(this.manager, this.target.fleetId, [...missing])) this.vehicleIds.set(p, id);
  }

  /** One spec per EVSE of the batch, with the highest power seen (observed max or rating, else the layout's nominal rating). */
  private evseSpecs(sessions: readonly ImportedSession[]): EvseSpec[] {
    const specs = new Map<string, EvseSpec>();
    for (const s of sessions) {
      const observed = s.maxPower !== null && s.maxPower.isPositive() ? s.maxPower.value : this.target.profile.nominalEvseKw.value;
      const kw = observed.toDecimalPlaces(3, RoundingMode.CEIL);
      const spec: EvseSpec = { siteRef: this.siteRef(s), ...this.evseRefs(s), currentType: this.format.currentTypeOf(s), maxPowerKw: kw };
      const key = evseKey(spec);
      const known = specs.get(key);
      if (known === undefined || known.maxPowerKw.lessThan(kw)) specs.set(key, spec);
    }
    return [...specs.values()];
  }

  private rowSpec(s: ImportedSession): SessionRowSpec {
    const need = s.requestedEnergy ?? s.energy;
    const expected = s.requestedDeparture ?? s.departure;
    const issue = sessionNeedsIssue({ arrivalAt: s.arrival, expectedDepartureAt: expected, energyNeedKwh: need, targetSocPct: null, minSocPct: null });
    if (issue !== null) this.flagged[issue] = (this.flagged[issue] ?? 0) + 1;
    return {
      importRef: `${this.format.name}:${s.sessionId}`,
      evseKey: evseKey({ siteRef: this.siteRef(s), ...this.evseRefs(s) }),
      vehiclePseudonym: this.vehiclePseudonym(s),
      arrivalAt: s.arrival,
      departureAt: s.departure,
      expectedDepartureAt: expected,
      energyNeedKwh: kwh(need.value),
      energyDeliveredKwh: kwh(s.energy.value),
      maxPowerKw: s.maxPower === null ? null : s.maxPower.value.toDecimalPlaces(3, RoundingMode.CEIL).toFixed(),
      unusableReason: issue,
    };
  }

  private siteRef(s: ImportedSession): string {
    return `${this.format.name}:${s.siteId}`;
  }

  private evseRefs(s: ImportedSession): { chargePointRef: string; evseRef: string } {
    const evseRef = s.evseId ?? 'default';
    return { chargePointRef: s.chargePointId ?? evseRef, evseRef };
  }

  private vehiclePseudonym(s: ImportedSession): string | null {
    return s.vehicleId === null ? null : this.pseudonymise(`${this.format.name}:${s.vehicleId}`);
  }
}

/** Energy at the column's 6 decimals; sources give at most 3, so this rounds nothing in practice (half-even otherwise). */
function kwh(value: Decimal): string {
  return value.toDecimalPlaces(6, RoundingMode.HALF_EVEN).toFixed();
}
