import PDFDocument from 'pdfkit';
import { Decimal } from '@vpp/units';
import type { FleetReport } from '../../application/reports/fleet-report';

export const DELIVERED_CHART_TITLE = 'Delivered against requested flexibility per ISP';
export const REVENUE_CHART_TITLE = 'Revenue by market';

export interface PdfOptions {
  /** Deflate content streams (default true); tests switch it off to read the drawing operators. */
  readonly compress?: boolean;
}

const MARGIN = 50;
const SESSION_ROWS_PER_PAGE = 40;

// Geometry only: a decimal string to a float for placing ink on a page, never for an amount shown.
const drawn = (text: string): number => Number.parseInt(new Decimal(text).times(1000).toFixed(0), 10) / 1000;

/**
 * The fleet owner's report as PDF (issue 7 item 5): totals, the two charts drawn with pdfkit's
 * vector primitives (rectangles, lines, text), then the per-session breakdown. Every figure is
 * the JSON report's own decimal string.
 */
export function renderFleetReportPdf(report: FleetReport, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: options.compress ?? true, info: { Title: `Settlement report ${report.fleetName} ${report.period.label}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  summary(doc, report);
  deliveredChart(doc, report, 330);
  doc.addPage();
  revenueChart(doc, report, MARGIN);
  sharesAndMobility(doc, report, 330);
  sessionPages(doc, report);
  doc.end();
  return done;
}

function summary(doc: PDFKit.PDFDocument, report: FleetReport): void {
  doc.fontSize(16).text(`Settlement report: ${report.fleetName}`, MARGIN, MARGIN);
  doc.fontSize(10).text(`Fleet ${report.fleetId}, ${report.period.kind} ${report.period.label} (${report.period.start} to ${report.period.end})`);
  doc.moveDown();
  const lines = [
    `Energy charged: ${report.energy.chargedKwh} kWh`,
    `Energy discharged: ${report.energy.dischargedKwh} kWh (basis: ${report.energy.basis})`,
    ...report.flexibilityByMarket.map((f) => `Flexibility delivered, ${f.market}: ${f.deliveredKwh} kWh`),
    ...report.revenueByMarket.map((r) => `Revenue, ${r.market}: ${r.amountEur} EUR`),
    `Revenue total: ${report.revenueTotalEur} EUR`,
    ...report.charges.map((c) => `Charges, ${c.kind}: ${c.amountEur} EUR`),
  ];
  for (const line of lines) doc.text(line);
  if (report.assumptions.length > 0) {
    doc.moveDown().fontSize(8).text(`Rests on: ${report.assumptions.join('; ')}`, { width: 495 });
  }
}

function axes(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number, xLabel: string, yLabel: string): void {
  doc.lineWidth(0.8).strokeColor('#000000').moveTo(x, y).lineTo(x, y + height).lineTo(x + width, y + height).stroke();
  doc.fontSize(8).fillColor('#000000').text(xLabel, x, y + height + 14, { width, align: 'center' });
  doc.save().rotate(-90, { origin: [x - 30, y + height / 2] }).text(yLabel, x - 30 - height / 2, y + height / 2 - 4, { width: height, align: 'center' }).restore();
}

function deliveredChart(doc: PDFKit.PDFDocument, report: FleetReport, top: number): void {
  const x = MARGIN + 40;
  const width = 455;
  const height = 180;
  doc.fontSize(12).fillColor('#000000').text(DELIVERED_CHART_TITLE, MARGIN, top);
  const y = top + 24;
  axes(doc, x, y, width, height, 'ISP of the period', 'Flexibility (kWh)');
  const values = report.isps.flatMap((i) => [drawn(i.deliveredKwh), i.requestedKwh === null ? 0 : drawn(i.requestedKwh)]);
  const max = Math.max(1e-9, ...values.map(Math.abs));
  const zero = y + height / 2;
  doc.lineWidth(0.3).strokeColor('#999999').moveTo(x, zero).lineTo(x + width, zero).stroke();
  const step = width / Math.max(1, report.isps.length);
  report.isps.forEach((isp, i) => {
    const delivered = (drawn(isp.deliveredKwh) / max) * (height / 2);
    doc.rect(x + i * step + step * 0.15, Math.min(zero, zero - delivered), Math.max(0.5, step * 0.7), Math.max(0.5, Math.abs(delivered))).fill('#2a7ab9');
  });
  // Requested as a line over the bars (absent ISPs without a plan are left out).
  const requested = report.isps.map((isp, i) => (isp.requestedKwh === null ? null : { px: x + (i + 0.5) * step, py: zero - (drawn(isp.requestedKwh) / max) * (height / 2) }));
  doc.lineWidth(1.2).strokeColor('#d1495b');
  let drawing = false;
  for (const point of requested) {
    if (point === null) {
      drawing = false;
      continue;
    }
    if (drawing) doc.lineTo(point.px, point.py);
    else doc.moveTo(point.px, point.py);
    drawing = true;
  }
  if (requested.some((p) => p !== null)) doc.stroke();
  doc.fontSize(8).fillColor('#2a7ab9').text('bars: delivered (baseline minus bought)', x, y + height + 28);
  doc.fillColor('#d1495b').text(`line: requested by the plan${requested.every((p) => p === null) ? ' (no plan recorded)' : ''}`, x + 240, y + height + 28);
  doc.fillColor('#000000');
}

function revenueChart(doc: PDFKit.PDFDocument, report: FleetReport, top: number): void {
  const x = MARGIN + 90;
  const width = 330;
  const rowHeight = 26;
  doc.fontSize(12).fillColor('#000000').text(REVENUE_CHART_TITLE, MARGIN, top);
  const y = top + 24;
  const height = Math.max(1, report.revenueByMarket.length) * rowHeight;
  axes(doc, x, y, width, height, 'Revenue (EUR)', '');
  const max = Math.max(1e-9, ...report.revenueByMarket.map((r) => Math.abs(drawn(r.amountEur))));
  const zero = x + width / 2;
  report.revenueByMarket.forEach((r, i) => {
    const length = (drawn(r.amountEur) / max) * (width / 2);
    const rowY = y + i * rowHeight + 4;
    doc.rect(Math.min(zero, zero + length), rowY, Math.max(0.5, Math.abs(length)), rowHeight - 8).fill(length < 0 ? '#d1495b' : '#00798c');
    doc.fontSize(9).fillColor('#000000').text(r.market, MARGIN, rowY + 4, { width: 85 });
    doc.text(`${r.amountEur} EUR`, x + width + 8, rowY + 4);
  });
}

function sharesAndMobility(doc: PDFKit.PDFDocument, report: FleetReport, top: number): void {
  doc.fontSize(12).fillColor('#000000').text("Each stakeholder's share", MARGIN, top);
  doc.fontSize(9);
  for (const s of report.shares) doc.text(`${s.role} ${s.partyRef} (${s.kind}): ${s.amountEur} EUR`);
  doc.moveDown().fontSize(12).text('Mobility promise');
  doc.fontSize(9).text(`Sessions: ${report.mobility.sessions}; energy needs met: ${report.mobility.needsMet}; left early: ${report.mobility.leftEarly}`);
  doc.moveDown().fontSize(12).text('Per vehicle');
  doc.fontSize(9);
  for (const v of report.vehicles) doc.text(`${v.vehicleId ?? 'vehicle not known'}: ${v.sessions} sessions, ${v.chargedKwh} kWh charged, ${v.dischargedKwh} kWh discharged`);
}

function sessionPages(doc: PDFKit.PDFDocument, report: FleetReport): void {
  for (let from = 0; from < report.sessions.length; from += SESSION_ROWS_PER_PAGE) {
    doc.addPage().fontSize(12).text(`Sessions ${from + 1} to ${Math.min(report.sessions.length, from + SESSION_ROWS_PER_PAGE)} of ${report.sessions.length}`, MARGIN, MARGIN);
    doc.fontSize(7);
    for (const s of report.sessions.slice(from, from + SESSION_ROWS_PER_PAGE)) {
      doc.text(
        `${s.sessionId}  ${s.arrival}  charged ${s.chargedKwh} kWh  discharged ${s.dischargedKwh} kWh  shifted ${s.shiftedKwh} kWh  ${s.basis}` +
          `  need ${s.needMet === null ? 'not stated' : s.needMet ? 'met' : 'not met'}${s.leftEarly ? '  left early' : ''}`,
      );
    }
  }
}
