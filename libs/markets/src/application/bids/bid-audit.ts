import type { AuditActor } from '@vpp/access';

/**
 * Bids are built and moved on by the platform itself, not by a user: the audit actor is the system
 * (actor ids are user/client uuids, so the system has none; the action `bid.*` says who acted).
 */
export const BID_PREPARER_ACTOR: AuditActor = { type: 'system', id: null, organisationId: null };
