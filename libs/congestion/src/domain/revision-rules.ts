import { UftpRejection } from './congestion.errors';

/**
 * FlexRequest revisions (UFTP-agr-dso.xsd: "a sequence number that must be incremented each time a
 * new revision ... is sent"): for one DSO, congestion point and Period, a higher revision replaces
 * the current one; an equal or lower one arrived out of order and is rejected.
 */
export function checkRevisionOrder(current: number | null, incoming: number): 'first' | 'replaces' {
  if (current === null) return 'first';
  if (incoming > current) return 'replaces';
  throw new UftpRejection(`Invalid Message: Revision ${incoming} is not newer than revision ${current} already received (out of order)`);
}

/**
 * A MessageID seen before (message-validation.md): the same content again is "Already Submitted"
 * (a transport retry; the first copy stands and is not processed twice), different content under
 * the same id is rejected as "Duplicate Identifier".
 */
export function duplicateMessageOutcome(storedDigest: string, incomingDigest: string): 'already-submitted' {
  if (storedDigest === incomingDigest) return 'already-submitted';
  throw new UftpRejection('Duplicate Identifier: this MessageID was already used for a message with different content');
}
