import { Decimal, Money, RoundingMode } from '@vpp/units';
import { ratio, totalsOf, valueCaptured, type DayKpis } from './kpis';

const WIDTH = 960;
const HEIGHT = 420;
const LEFT = 70;
const RIGHT = 20;
const TOP = 50;
const BOTTOM = 60;

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const px = (d: Decimal): string => d.toDecimalPlaces(1, RoundingMode.HALF_EVEN).toFixed(1);

/**
 * value-captured.svg: per delivery day, the saving against uncontrolled charging that perfect
 * foresight makes (grey) and the one the platform made (blue; negative = it cost more), in EUR,
 * with the day's value captured above. Plain SVG text (no chart library is installed; pdfkit
 * writes PDF, the issue asks for PNG or SVG). Coordinates are computed in exact decimals.
 */
export function valueCapturedSvg(days: readonly DayKpis[], title: string): string {
  const plotW = new Decimal(WIDTH - LEFT - RIGHT);
  const plotH = new Decimal(HEIGHT - TOP - BOTTOM);
  const saving = (d: DayKpis): Money => d.uncontrolledCost.subtract(d.optimisedCost);
  const possible = (d: DayKpis): Money => d.uncontrolledCost.subtract(d.perfectForesightCost);
  let top = new Decimal(1);
  let bottom = new Decimal(0);
  for (const d of days) {
    for (const m of [saving(d), possible(d)]) {
      if (m.amount.greaterThan(top)) top = m.amount;
      if (m.amount.lessThan(bottom)) bottom = m.amount;
    }
  }
  const span = top.minus(bottom);
  const y = (amount: Decimal): Decimal => new Decimal(TOP).plus(top.minus(amount).dividedBy(span).times(plotH));
  const zeroY = y(new Decimal(0));
  const slot = days.length === 0 ? plotW : plotW.dividedBy(days.length);
  const bar = slot.times('0.38');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  const totals = totalsOf(days);
  parts.push(`<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  parts.push(
    `<text x="${LEFT}" y="38">value captured over the period: ${esc(ratio(totals.valueCaptured) ?? 'n/a')} (saving ${esc(totals.uncontrolledCost.subtract(totals.optimisedCost).roundToCents().toFixed(2, RoundingMode.HALF_EVEN))} of ${esc(totals.uncontrolledCost.subtract(totals.perfectForesightCost).roundToCents().toFixed(2, RoundingMode.HALF_EVEN))} EUR possible)</text>`,
  );
  // Axis, gridlines at 5 steps.
  for (let k = 0; k <= 4; k += 1) {
    const amount = bottom.plus(span.times(k).dividedBy(4));
    const gy = px(y(amount));
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${gy}" y2="${gy}" stroke="#ddd"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${gy}" text-anchor="end" dominant-baseline="middle">${esc(amount.toDecimalPlaces(2, RoundingMode.HALF_EVEN).toFixed(2))}</text>`);
  }
  parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(zeroY)}" y2="${px(zeroY)}" stroke="#333"/>`);
  parts.push(`<text x="14" y="${px(new Decimal(TOP).plus(plotH.dividedBy(2)))}" transform="rotate(-90 14 ${px(new Decimal(TOP).plus(plotH.dividedBy(2)))})" text-anchor="middle">EUR saved against uncontrolled</text>`);
  days.forEach((d, i) => {
    const x0 = new Decimal(LEFT).plus(slot.times(i)).plus(slot.times('0.12'));
    for (const [k, amount, colour, label] of [
      [0, possible(d).amount, '#9e9e9e', 'perfect foresight'],
      [1, saving(d).amount, '#1f77b4', 'platform'],
    ] as const) {
      const x = x0.plus(bar.times(k));
      const a = y(amount);
      const top = a.lessThan(zeroY) ? a : zeroY;
      const h = a.minus(zeroY).abs();
      parts.push(`<rect x="${px(x)}" y="${px(top)}" width="${px(bar)}" height="${px(h)}" fill="${colour}"><title>${esc(`${d.date} ${label}: ${amount.toDecimalPlaces(2, RoundingMode.HALF_EVEN).toFixed(2)} EUR`)}</title></rect>`);
    }
    const vc = ratio(valueCaptured(d.uncontrolledCost, d.optimisedCost, d.perfectForesightCost));
    const cx = px(x0.plus(bar));
    if (vc !== null) parts.push(`<text x="${cx}" y="${px(new Decimal(TOP).minus(2))}" text-anchor="middle" font-size="8">${esc(vc)}</text>`);
    parts.push(`<text x="${cx}" y="${HEIGHT - BOTTOM + 14}" text-anchor="end" font-size="9" transform="rotate(-60 ${cx} ${HEIGHT - BOTTOM + 14})">${esc(d.date.slice(5))}</text>`);
  });
  const ly = HEIGHT - 12;
  parts.push(`<rect x="${LEFT}" y="${ly - 9}" width="10" height="10" fill="#9e9e9e"/><text x="${LEFT + 14}" y="${ly}">perfect-foresight optimum (uncontrolled - perfect foresight)</text>`);
  parts.push(`<rect x="${LEFT + 360}" y="${ly - 9}" width="10" height="10" fill="#1f77b4"/><text x="${LEFT + 374}" y="${ly}">captured (uncontrolled - optimised); number above: value captured</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
