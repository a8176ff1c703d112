import type { Isp } from '@vpp/units';

import type { FlexibilityEnvelope } from '../flexibility-envelope';
import { AggregationError } from './aggregation-member';

const ISP_MS = 15 * 60_000;

/** Where an envelope's ISPs fall in the aggregation horizon (contiguous ISPs, e.g. a delivery day). */
export class HorizonIndex {
  private readonly startMs: number;

  constructor(readonly isps: readonly Isp[]) {
    if (isps.length === 0) throw new AggregationError('the horizon needs at least one ISP');
    this.startMs = isps[0].start.getTime();
    isps.forEach((isp, t) => {
      if (isp.start.getTime() !== this.startMs + t * ISP_MS) throw new AggregationError('horizon ISPs must be contiguous and in order');
    });
  }

  get length(): number {
    return this.isps.length;
  }

  /**
   * Horizon index of the envelope's first ISP. An envelope that starts before the horizon is
   * refused: its energy at the horizon start is not known here, so the caller rebuilds it from the
   * horizon start with the remaining need.
   */
  offsetOf(envelope: FlexibilityEnvelope): number {
    const offset = (envelope.isps[0].start.getTime() - this.startMs) / ISP_MS;
    if (offset < 0) throw new AggregationError(`envelope starts ${-offset} ISPs before the horizon: rebuild it from the horizon start`);
    return offset;
  }
}
