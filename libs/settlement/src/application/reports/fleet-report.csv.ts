import type { FleetReport } from './fleet-report';

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF line ends, a header row first. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * The report as one CSV table of `section,key,subkey,value,unit` rows: totals, markets, shares,
 * ISPs and sessions all in one file a spreadsheet opens directly.
 */
export function fleetReportCsv(report: FleetReport): string {
  const rows: (string | null)[][] = [
    ['period', report.period.kind, report.period.start, report.period.label, null],
    ['energy', 'charged', null, report.energy.chargedKwh, 'kWh'],
    ['energy', 'discharged', null, report.energy.dischargedKwh, 'kWh'],
    ...report.flexibilityByMarket.map((f) => ['flexibility-delivered', f.market, null, f.deliveredKwh, 'kWh']),
    ...report.revenueByMarket.map((r) => ['revenue', r.market, null, r.amountEur, 'EUR']),
    ['revenue', 'total', null, report.revenueTotalEur, 'EUR'],
    ...report.shares.map((s) => ['share', `${s.role}:${s.partyRef}`, s.kind, s.amountEur, 'EUR']),
    ...report.charges.map((c) => ['charges', c.kind, null, c.amountEur, 'EUR']),
    ...report.isps.map((i) => ['isp-requested', i.ispStart, null, i.requestedKwh, 'kWh']),
    ...report.isps.map((i) => ['isp-delivered', i.ispStart, null, i.deliveredKwh, 'kWh']),
    ...report.vehicles.map((v) => ['vehicle-charged', v.vehicleId ?? 'unknown', String(v.sessions), v.chargedKwh, 'kWh']),
    ...report.sessions.map((s) => ['session-charged', s.sessionId, s.basis, s.chargedKwh, 'kWh']),
    ...report.sessions.map((s) => ['session-discharged', s.sessionId, s.basis, s.dischargedKwh, 'kWh']),
    ['mobility', 'sessions', null, String(report.mobility.sessions), null],
    ['mobility', 'needs-met', null, String(report.mobility.needsMet), null],
    ['mobility', 'left-early', null, String(report.mobility.leftEarly), null],
    ...report.assumptions.map((a) => ['assumption', null, null, a, null]),
  ];
  return toCsv(['section', 'key', 'subkey', 'value', 'unit'], rows);
}
