import { z } from 'zod';

// The TSO feed's wire messages (HTTP body or one WebSocket CALL each). Power in MW with sign
// "positive = upward regulation" as TSOs send aFRR setpoints (MARKETS.md section 2); frequency in Hz.
const instant = z.string().datetime({ offset: true });

export const afrrSetpointMessageSchema = z.object({
  type: z.literal('afrr-setpoint'),
  /** Strictly increasing per portfolio; a sequence at or below the last accepted one is ignored. */
  sequence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  issuedAt: instant,
  setpointMw: z.number().finite().min(-100_000).max(100_000),
  /** The simulator labels what it derived (no public aFRR activation series exists); stored in logs only. */
  label: z.string().max(64).optional(),
});

export const frequencyMessageSchema = z.object({
  type: z.literal('frequency'),
  measuredAt: instant,
  frequencyHz: z.number().finite().min(45).max(55),
  label: z.string().max(64).optional(),
});

export const positionsMessageSchema = z.object({
  type: z.literal('positions'),
  positions: z.array(z.object({ ispStart: instant, positionKw: z.number().finite().min(-10_000_000).max(10_000_000) })).min(1).max(200),
});

export const tsoFeedMessageSchema = z.discriminatedUnion('type', [afrrSetpointMessageSchema, frequencyMessageSchema, positionsMessageSchema]);

export type AfrrSetpointMessage = z.infer<typeof afrrSetpointMessageSchema>;
export type FrequencyMessage = z.infer<typeof frequencyMessageSchema>;
export type PositionsMessage = z.infer<typeof positionsMessageSchema>;
export type TsoFeedMessage = z.infer<typeof tsoFeedMessageSchema>;

export type IntakeOutcome = 'accepted' | 'stale' | 'out-of-order';
export type FeedTransport = 'http' | 'ws';
