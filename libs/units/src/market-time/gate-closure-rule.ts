import { UnitsError } from '../units-error';
import type { Block } from './block';
import { DeliveryDay } from './delivery-day';
import type { Isp } from './isp';
import { MS_PER_MINUTE, instantMs } from './market-time-zone';
import type { TimeRange } from './time-range';

/**
 * A gate at a local wall-clock time (Europe/Amsterdam) on a day relative to the delivery day:
 * `{ dayOffset: -1, localTime: '12:00' }` is SDAC's "D-1 12:00".
 */
export interface DayRelativeGateClosureRule {
  /** Calendar days relative to the delivery day (-1 = the day before). */
  readonly dayOffset: number;
  /** `HH:mm`, 24-hour, local time; 02:00-02:59 is refused (see {@link validateGateClosureRule}). */
  readonly localTime: string;
}

/** A gate a fixed time before the period starts: `{ beforeStart: { minutes: 25 } }` is "-25m". */
export interface BeforeStartGateClosureRule {
  readonly beforeStart: { readonly minutes: number };
}

export type GateClosureRule = DayRelativeGateClosureRule | BeforeStartGateClosureRule;

/** What a gate closes for: a whole delivery day or one period of it. */
export type GateClosureTarget = DeliveryDay | Isp | Block | TimeRange;

const MAX_DAY_OFFSET = 366;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_RELATIVE_TEXT = /^D(?:([+-])([1-9]\d{0,2}))? (\d{2}:\d{2})$/;
const BEFORE_START_TEXT = /^-(0|[1-9]\d{0,5})m$/;
const toInt = (digits: string): number => Number.parseInt(digits, 10);

/**
 * Parses the catalogue notation: `D-1 12:00`, `D-1 08:00`, `D 00:00`, `D+1 06:00` (day-relative,
 * local time) or `-25m` (minutes before the period start).
 *
 * @throws UnitsError `INVALID_GATE_CLOSURE_RULE` for anything else or an invalid rule.
 */
export function parseGateClosureRule(text: string): GateClosureRule {
  const dayRelative = typeof text === 'string' ? DAY_RELATIVE_TEXT.exec(text) : null;
  if (dayRelative) {
    const [, sign, days, localTime] = dayRelative;
    const dayOffset = days === undefined ? 0 : (sign === '-' ? -1 : 1) * toInt(days);
    return validateGateClosureRule({ dayOffset, localTime });
  }
  const beforeStart = typeof text === 'string' ? BEFORE_START_TEXT.exec(text) : null;
  if (beforeStart) {
    return validateGateClosureRule({ beforeStart: { minutes: toInt(beforeStart[1]) } });
  }
  throw invalidRule(`Not a gate closure rule ("D-1 12:00" or "-25m"): ${JSON.stringify(text)}`);
}

/** Inverse of {@link parseGateClosureRule}: `D-1 12:00`, `D 00:00`, `-25m`. */
export function formatGateClosureRule(rule: GateClosureRule): string {
  const valid = validateGateClosureRule(rule);
  if (isBeforeStartRule(valid)) {
    return `-${valid.beforeStart.minutes}m`;
  }
  const day = valid.dayOffset === 0 ? 'D' : `D${valid.dayOffset > 0 ? '+' : ''}${valid.dayOffset}`;
  return `${day} ${valid.localTime}`;
}

/**
 * Checks a rule built in code or read from storage.
 *
 * Local times 02:00-02:59 are refused: in Europe/Amsterdam they do not exist on the spring DST
 * day and occur twice on the autumn one, so such a rule would fail or be ambiguous twice a year.
 *
 * @throws UnitsError `INVALID_GATE_CLOSURE_RULE`.
 */
export function validateGateClosureRule<R extends GateClosureRule>(rule: R): R {
  if (isBeforeStartRule(rule)) {
    const minutes = rule.beforeStart?.minutes;
    if (!Number.isSafeInteger(minutes) || minutes < 0) {
      throw invalidRule(`beforeStart.minutes must be a non-negative integer, got ${minutes}`);
    }
    return rule;
  }
  const { dayOffset, localTime } = rule;
  if (!Number.isSafeInteger(dayOffset) || Math.abs(dayOffset) > MAX_DAY_OFFSET) {
    throw invalidRule(`dayOffset must be an integer within ±${MAX_DAY_OFFSET}, got ${dayOffset}`);
  }
  const time = typeof localTime === 'string' ? LOCAL_TIME.exec(localTime) : null;
  if (!time) {
    throw invalidRule(`localTime must be HH:mm (00:00-23:59), got ${JSON.stringify(localTime)}`);
  }
  if (time[1] === '02') {
    throw invalidRule(`localTime ${localTime} falls in the DST switch hour 02:00-02:59`);
  }
  return rule;
}

export function isBeforeStartRule(rule: GateClosureRule): rule is BeforeStartGateClosureRule {
  return 'beforeStart' in rule;
}

/**
 * The UTC instant at which the gate closes.
 *
 * - Day-relative rules resolve in Europe/Amsterdam on the delivery day containing the target's
 *   start, shifted by `dayOffset` calendar days: "D-1 12:00" for 2024-03-31 is
 *   2024-03-30T11:00:00Z (CET), for 2024-10-27 it is 2024-10-26T10:00:00Z (CEST).
 * - Before-start rules subtract the minutes from the target's start ("-25m" for the ISP starting
 *   10:00Z closes at 09:35Z); applied to a delivery day they count from local midnight.
 *
 * @throws UnitsError `INVALID_GATE_CLOSURE_RULE`.
 */
export function gateClosureInstant(rule: GateClosureRule, target: GateClosureTarget): Date {
  const valid = validateGateClosureRule(rule);
  const startMs = target.start.getTime();
  if (isBeforeStartRule(valid)) {
    return new Date(startMs - valid.beforeStart.minutes * MS_PER_MINUTE);
  }
  const [hour, minute] = valid.localTime.split(':').map(toInt);
  return DeliveryDay.containing(target.start).plusDays(valid.dayOffset).atLocalTime(hour, minute);
}

/** True once `now` has reached the gate (the gate instant itself counts as closed). */
export function isGateClosed(rule: GateClosureRule, target: GateClosureTarget, now: Date): boolean {
  return instantMs(now) >= gateClosureInstant(rule, target).getTime();
}

function invalidRule(message: string): UnitsError {
  return new UnitsError('INVALID_GATE_CLOSURE_RULE', message);
}
