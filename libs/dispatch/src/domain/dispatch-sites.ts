import { DispatchError } from './dispatch.errors';

/** One node of the nested limits (grid connection fuse -> site -> sub-distribution); EVSE limits live in the session band. */
export interface DispatchSiteInput {
  readonly siteId: string;
  /** Index of the enclosing node, or -1 for a root (the grid connection). Must be lower than this node's own index. */
  readonly parentIndex: number;
  /** Import headroom for EV charging at this node (fuse or contract minus other load), kW. */
  readonly importLimitKw: number;
  /** Export headroom for discharge, as a non-negative kW figure (0 = no export allowed). */
  readonly exportLimitKw: number;
}

/**
 * The nested site limits as arrays. A congestion order (GOPACS/IDCONS or a UFTP FlexOrder capping an
 * area's load) is applied as a cap on the node that stands for the area; the effective import limit
 * is min(importLimitKw, congestionCapKw). Parents precede children, so depth-first walks are short loops.
 */
export class DispatchSites {
  readonly count: number;
  readonly siteIds: readonly string[];
  readonly parent: Int32Array;
  readonly importLimitKw: Float64Array;
  readonly exportLimitKw: Float64Array;
  /** Congestion cap on the node's load (Infinity when none). */
  readonly congestionCapKw: Float64Array;

  constructor(sites: readonly DispatchSiteInput[]) {
    this.count = sites.length;
    this.siteIds = sites.map((s) => s.siteId);
    this.parent = new Int32Array(this.count);
    this.importLimitKw = new Float64Array(this.count);
    this.exportLimitKw = new Float64Array(this.count);
    this.congestionCapKw = new Float64Array(this.count).fill(Number.POSITIVE_INFINITY);
    sites.forEach((s, i) => {
      if (!Number.isInteger(s.parentIndex) || s.parentIndex < -1 || s.parentIndex >= i) {
        throw new DispatchError('INVALID_SITE_TREE', `site ${s.siteId}: parent index ${s.parentIndex} must be -1 or an earlier node`);
      }
      if (!(s.importLimitKw >= 0) || !(s.exportLimitKw >= 0)) throw new DispatchError('INVALID_INPUT', `site ${s.siteId}: limits must be >= 0 kW`);
      this.parent[i] = s.parentIndex;
      this.importLimitKw[i] = s.importLimitKw;
      this.exportLimitKw[i] = s.exportLimitKw;
    });
  }

  /** Sets (or with null lifts) a congestion cap on the node's total load. */
  setCongestionCap(siteIndex: number, capKw: number | null): void {
    if (siteIndex < 0 || siteIndex >= this.count) throw new DispatchError('UNKNOWN_SITE', `site index ${siteIndex}`);
    this.congestionCapKw[siteIndex] = capKw === null ? Number.POSITIVE_INFINITY : capKw;
  }

  effectiveImportLimitKw(siteIndex: number): number {
    return Math.min(this.importLimitKw[siteIndex], this.congestionCapKw[siteIndex]);
  }

  static none(): DispatchSites {
    return new DispatchSites([]);
  }
}
