import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogRepository } from '@vpp/access';
import { LedgerError } from '@vpp/flexibility';
import { DeliveryDay } from '@vpp/units';
import { bidKeyOf } from '../../domain/bids/bid-key';
import type { BidRefusal } from '../../domain/bids/bid-refusal';
import type { BidStatus } from '../../domain/bids/bid-status';
import type { BuiltBid } from '../../domain/bids/built-bid';
import type { MarketProductRules } from '../../domain/products/market-product';
import { validateBid } from '../../domain/products/validate-bid';
import { ledgerWithin } from '../../infrastructure/bids/ledger-within';
import { BID_PREPARER_ACTOR } from './bid-audit';

export interface BidOwner {
  readonly portfolioId: string;
  readonly organisationId: string;
}

export interface RecordBidsCommand {
  readonly owner: BidOwner;
  readonly bids: readonly BuiltBid[];
  /** The product rules valid for each bid's period. */
  readonly rulesFor: (bid: BuiltBid) => MarketProductRules;
  /** When the inputs were known (the plan's known_at): part of each bid's key. */
  readonly knownAt: Date;
  /** When the bids would reach the market (gate checks). */
  readonly now: Date;
  readonly gateKey: string | null;
  /** Stored with every bid next to its own basis: plan run, aggregate version, prices, assumptions. */
  readonly builtFrom: Readonly<Record<string, unknown>>;
}

export interface RecordedBid {
  readonly id: string;
  readonly bidKey: string;
  readonly status: BidStatus;
  readonly refusals: readonly BidRefusal[];
  /** False when the key existed: an earlier preparation already recorded this bid. */
  readonly created: boolean;
}

const LEDGER_REFUSALS: Partial<Record<LedgerError['code'], BidRefusal['code']>> = {
  LEDGER_INSUFFICIENT_CAPACITY: 'CAPACITY_ALREADY_RESERVED',
  LEDGER_PREQUALIFICATION_EXCEEDED: 'PREQUALIFICATION_EXCEEDED',
};

/**
 * Every built bid goes through the same four steps, in the caller's transaction: validated
 * against its product version (every broken rule recorded; such a bid is `refused` and never
 * sent), reserved in the ledger under the bid's key (a ledger refusal = `refused` with
 * CAPACITY_ALREADY_RESERVED or PREQUALIFICATION_EXCEEDED), stored with its points, inputs and
 * known_at, and written to the audit log. A bid whose key exists is left as it is.
 */
@Injectable()
export class BidRecorder {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async record(manager: EntityManager, command: RecordBidsCommand): Promise<RecordedBid[]> {
    const keyed = command.bids.map((bid) => ({ bid, key: bidKeyOf(command.owner.portfolioId, bid.draft, bid.variant, command.knownAt) }));
    const existing = await this.existing(manager, keyed.map((k) => k.key));
    const ledger = ledgerWithin(manager);
    const results: RecordedBid[] = [];
    const rows: unknown[][] = [];
    const points: unknown[][] = [];
    const audits: { id: string; key: string; bid: BuiltBid; status: BidStatus; refusals: BidRefusal[] }[] = [];
    for (const { bid, key } of keyed) {
      const found = existing.get(key);
      if (found) {
        results.push({ ...found, bidKey: key, created: false });
        continue;
      }
      const id = randomUUID();
      const rules = command.rulesFor(bid);
      const refusals: BidRefusal[] = validateBid(bid.draft, rules, command.now).map((v) => ({ ...v }));
      let reservationId: string | null = null;
      const lines = bid.reservation?.isps.filter((line) => line.kw.greaterThan(0)) ?? [];
      if (refusals.length === 0 && bid.reservation && lines.length > 0) {
        try {
          const outcome = await ledger.reserve(
            command.owner.portfolioId,
            { product: bid.reservation.product, direction: bid.reservation.direction, reference: key, idempotencyKey: key, isps: lines },
            command.now,
          );
          reservationId = outcome.reservation.id;
        } catch (error) {
          const code = error instanceof LedgerError ? LEDGER_REFUSALS[error.code] : undefined;
          if (!code || !(error instanceof Error)) throw error;
          refusals.push({ code, message: error.message });
        }
      }
      const status: BidStatus = refusals.length > 0 ? 'refused' : reservationId !== null ? 'reserved' : 'validated';
      rows.push([
        id,
        key,
        command.owner.portfolioId,
        command.owner.organisationId,
        bid.draft.market,
        bid.draft.productCode,
        rules.id,
        bid.draft.direction,
        bid.draft.period.start,
        bid.draft.period.end,
        DeliveryDay.containing(bid.draft.period.start).isoDate,
        command.gateKey,
        bid.draft.locationEan ?? null,
        bid.pairRef ?? null,
        status,
        JSON.stringify(refusals),
        reservationId,
        command.knownAt,
        JSON.stringify({ ...command.builtFrom, bid: bid.basis, reservation: bid.reservation ? { product: bid.reservation.product, direction: bid.reservation.direction ?? null } : null }),
        command.now,
      ]);
      bid.draft.points.forEach((point, index) => points.push([id, index, point.quantityMw.toFixed(), point.price.toFixed()]));
      audits.push({ id, key, bid, status, refusals });
      results.push({ id, bidKey: key, status, refusals, created: true });
    }
    await this.insert(manager, rows, points);
    for (const audit of audits) {
      await this.auditLog.append(manager, {
        organisationId: command.owner.organisationId,
        actor: BID_PREPARER_ACTOR,
        onBehalfOfOrganisationId: null,
        action: `bid.${audit.status}`,
        entityType: 'bid',
        entityId: audit.id,
        before: null,
        after: {
          bidKey: audit.key,
          productCode: audit.bid.draft.productCode,
          direction: audit.bid.draft.direction,
          period: audit.bid.draft.period.toString(),
          points: audit.bid.draft.points.map((p) => ({ quantityMw: p.quantityMw.toFixed(), price: p.price.toFixed() })),
          refusals: audit.refusals.map((r) => ({ code: r.code, message: r.message })),
          knownAt: command.knownAt.toISOString(),
        },
      });
    }
    return results;
  }

  private async existing(manager: EntityManager, keys: string[]): Promise<Map<string, Omit<RecordedBid, 'bidKey' | 'created'>>> {
    if (keys.length === 0) return new Map();
    const rows: { id: string; bid_key: string; status: BidStatus; refusal_reasons: BidRefusal[] }[] = await manager.query(
      `SELECT id, bid_key, status, refusal_reasons FROM bids WHERE bid_key = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((r) => [r.bid_key, { id: r.id, status: r.status, refusals: r.refusal_reasons }]));
  }

  /** One statement per table (unnest of column arrays): a delivery day has hundreds of bids. */
  private async insert(manager: EntityManager, rows: unknown[][], points: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const column = (rowsOf: unknown[][], i: number): unknown[] => rowsOf.map((row) => row[i]);
    await manager.query(
      `INSERT INTO bids (id, bid_key, portfolio_id, organisation_id, market, product_code, product_version_id, direction, period_start, period_end,
                         delivery_day, gate_key, location_ean, pair_ref, status, refusal_reasons, reservation_id, known_at, built_from,
                         created_at, status_changed_at)
       SELECT r.id, r.bid_key, r.portfolio_id, r.organisation_id, r.market, r.product_code, r.product_version_id, r.direction, r.period_start,
              r.period_end, r.delivery_day, r.gate_key, r.location_ean, r.pair_ref, r.status, r.refusal_reasons::jsonb, r.reservation_id,
              r.known_at, r.built_from::jsonb, r.created_at, r.created_at
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                     $10::timestamptz[], $11::date[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::uuid[],
                     $18::timestamptz[], $19::text[], $20::timestamptz[])
           AS r(id, bid_key, portfolio_id, organisation_id, market, product_code, product_version_id, direction, period_start, period_end,
                delivery_day, gate_key, location_ean, pair_ref, status, refusal_reasons, reservation_id, known_at, built_from, created_at)`,
      Array.from({ length: 20 }, (_, i) => column(rows, i)),
    );
    await manager.query(
      `INSERT INTO bid_points (bid_id, point_index, quantity_mw, price)
       SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::numeric[], $4::numeric[])`,
      Array.from({ length: 4 }, (_, i) => column(points, i)),
    );
  }
}
