import { Decimal } from '@vpp/units';
import { LedgerError } from './ledger.errors';
import { directionsFor, ReservationRequest, validateReservation } from './reservation-request';

const at = (iso: string): Date => new Date(iso);
const request = (over: Partial<ReservationRequest> = {}): ReservationRequest => ({
  product: 'afrr_up',
  reference: 'bid-1',
  idempotencyKey: 'key-1',
  isps: [
    { ispStart: at('2026-11-27T10:15:00Z'), kw: new Decimal('30') },
    { ispStart: at('2026-11-27T10:00:00Z'), kw: new Decimal('25.5') },
  ],
  ...over,
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof LedgerError ? error.code : `not a LedgerError: ${String(error)}`;
  }
  return undefined;
}

describe('reservation requests', () => {
  it.each([
    ['fcr', undefined, ['up', 'down']],
    ['afrr_up', undefined, ['up']],
    ['afrr_down', 'down', ['down']],
    ['day_ahead', 'down', ['down']],
    ['congestion', 'up', ['up']],
  ] as const)('%s with direction %s holds %j', (product, direction, expected) => {
    expect(directionsFor(product, direction)).toEqual(expected);
  });

  it.each([
    ['FCR with one direction (it is symmetric)', 'fcr', 'up'],
    ['aFRR up with the down direction', 'afrr_up', 'down'],
    ['day-ahead without a direction', 'day_ahead', undefined],
    ['congestion without a direction', 'congestion', undefined],
  ] as const)('refuses %s', (_name, product, direction) => {
    expect(codeOf(() => directionsFor(product, direction))).toBe('LEDGER_INVALID_REQUEST');
  });

  it('holds FCR in both directions of every ISP, in ledger order (ISP, then down before up)', () => {
    const valid = validateReservation(request({ product: 'fcr' }));
    expect(valid.lines.map((line) => [line.isp.start.toISOString(), line.direction, line.kw.toFixed()])).toEqual([
      ['2026-11-27T10:00:00.000Z', 'down', '25.5'],
      ['2026-11-27T10:00:00.000Z', 'up', '25.5'],
      ['2026-11-27T10:15:00.000Z', 'down', '30'],
      ['2026-11-27T10:15:00.000Z', 'up', '30'],
    ]);
  });

  it('gives the same fingerprint whatever the order of ISPs or trailing zeros, another for another amount', () => {
    const a = validateReservation(request()).fingerprint;
    const reordered = validateReservation(request({ isps: [...request().isps].reverse().map((isp) => ({ ...isp, kw: new Decimal(isp.kw.toFixed(3)) })) })).fingerprint;
    const other = validateReservation(request({ isps: [{ ispStart: at('2026-11-27T10:00:00Z'), kw: new Decimal('25.6') }, request().isps[0]] })).fingerprint;
    expect(reordered).toBe(a);
    expect(other).not.toBe(a);
  });

  it.each([
    ['no ISP', { isps: [] }],
    ['an ISP start off the quarter-hour', { isps: [{ ispStart: at('2026-11-27T10:05:00Z'), kw: new Decimal(1) }] }],
    ['an invalid instant', { isps: [{ ispStart: new Date(Number.NaN), kw: new Decimal(1) }] }],
    ['zero kW', { isps: [{ ispStart: at('2026-11-27T10:00:00Z'), kw: new Decimal(0) }] }],
    ['negative kW', { isps: [{ ispStart: at('2026-11-27T10:00:00Z'), kw: new Decimal(-1) }] }],
    ['more than 3 decimals', { isps: [{ ispStart: at('2026-11-27T10:00:00Z'), kw: new Decimal('1.0005') }] }],
    ['the same ISP twice', { isps: [request().isps[0], request().isps[0]] }],
    ['a blank reference', { reference: '  ' }],
    ['an idempotency key with a space', { idempotencyKey: 'a b' }],
  ])('refuses %s', (_name, over) => {
    expect(codeOf(() => validateReservation(request(over as Partial<ReservationRequest>)))).toBe('LEDGER_INVALID_REQUEST');
  });
});
