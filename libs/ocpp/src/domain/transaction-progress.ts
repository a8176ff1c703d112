import type { ChargingState, TransactionEventRequest, TransactionEventType } from '../protocol/ocpp-messages';

/** The session status words of the fleet model that an OCPP transaction can report. */
export type OcppSessionStatus = 'plugged_in' | 'charging' | 'suspended' | 'finished';

/** What we remember of a transaction to order later events against it. */
export interface TransactionProgress {
  readonly lastSeqNo: number;
  readonly lastEventAt: Date;
  readonly ended: boolean;
}

export function sessionStatusOf(eventType: TransactionEventType, chargingState: ChargingState | undefined): OcppSessionStatus {
  if (eventType === 'Ended') return 'finished';
  switch (chargingState) {
    case 'Charging':
      return 'charging';
    case 'SuspendedEV':
    case 'SuspendedEVSE':
      return 'suspended';
    default:
      return 'plugged_in';
  }
}

/**
 * Whether an event's state (status, latest reading) may overwrite what we hold. Events queued
 * while a station was offline arrive late and possibly out of order (2.0.1 Part 2 E12,
 * `offline` flag; seqNo increments per transaction). Newer timestamps win, seqNo breaks ties,
 * Ended always ends, and nothing reopens an ended transaction. Their meter values are still kept:
 * telemetry is idempotent per instant, so a late reading is history, not a state change.
 */
export function isNewerThan(event: Pick<TransactionEventRequest, 'eventType' | 'seqNo' | 'timestamp'>, known: TransactionProgress | null): boolean {
  if (known === null) return true;
  if (known.ended && event.eventType !== 'Ended') return false;
  // Ended is final: it applies even when an Updated queued later by the station overtook it.
  if (!known.ended && event.eventType === 'Ended') return true;
  const at = new Date(event.timestamp).getTime();
  if (at !== known.lastEventAt.getTime()) return at > known.lastEventAt.getTime();
  return event.seqNo > known.lastSeqNo;
}
