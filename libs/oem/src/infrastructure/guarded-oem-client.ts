import { afterFailure, afterSuccess, BackoffPolicy, BackoffState, isBackingOff, NO_BACKOFF } from '../domain/backoff';
import type { OemAdapter } from '../domain/oem-adapter';
import type { OemCommand, OemCommandReceipt } from '../domain/oem-command';
import { OemError } from '../domain/oem.errors';
import { fullBucket, takeToken, TokenBucket } from '../domain/rate-limit';
import type { VehicleState } from '../domain/vehicle-state';

export interface OemClientStatus {
  readonly oem: string;
  readonly consecutiveFailures: number;
  readonly backingOffUntil: Date | null;
  readonly lastErrorCode: string | null;
}

/**
 * One per OEM cloud and process: keeps us under the OEM's request budget (token bucket) and backs
 * off after 429/5xx/timeouts, so a struggling OEM is not hammered. While backing off, calls fail
 * fast with OEM_BACKING_OFF and never reach the network.
 */
export class GuardedOemClient {
  private bucket: TokenBucket;
  private backoff: BackoffState = NO_BACKOFF;
  private lastErrorCode: string | null = null;
  /** Failures recorded so far: a call sees whether one came back while it was in flight. */
  private failuresRecorded = 0;

  constructor(
    readonly adapter: OemAdapter,
    private readonly rateLimitPerMinute: number,
    private readonly policy: BackoffPolicy,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.bucket = fullBucket(rateLimitPerMinute, clock().getTime());
  }

  get oem(): string {
    return this.adapter.oem;
  }

  status(): OemClientStatus {
    return { oem: this.oem, consecutiveFailures: this.backoff.consecutiveFailures, backingOffUntil: this.backoff.notBefore, lastErrorCode: this.lastErrorCode };
  }

  /** Resumes a backoff another process (or an earlier run) recorded, unless this one knows more. */
  restore(status: { consecutiveFailures: number; backingOffUntil: Date | null; lastErrorCode: string | null }): void {
    if (this.backoff.consecutiveFailures > 0 || status.backingOffUntil === null) return;
    this.backoff = { consecutiveFailures: status.consecutiveFailures, notBefore: status.backingOffUntil };
    this.lastErrorCode = status.lastErrorCode;
  }

  fetchVehicleState(oemVehicleRef: string): Promise<VehicleState> {
    return this.guard(() => this.adapter.fetchVehicleState(oemVehicleRef));
  }

  sendCommand(oemVehicleRef: string, requestId: string, command: OemCommand): Promise<OemCommandReceipt> {
    return this.guard(() => this.adapter.sendCommand(oemVehicleRef, requestId, command));
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    const now = this.clock();
    if (isBackingOff(this.backoff, now)) {
      throw new OemError('OEM_BACKING_OFF', `${this.oem}: backing off after ${this.lastErrorCode ?? 'errors'}`, this.backoff.notBefore ?? undefined);
    }
    const taken = takeToken(this.bucket, this.rateLimitPerMinute, now.getTime());
    this.bucket = taken.bucket;
    if (!taken.taken) throw new OemError('OEM_BACKING_OFF', `${this.oem}: own request budget of ${this.rateLimitPerMinute}/min used up`);
    const failuresAtStart = this.failuresRecorded;
    try {
      const result = await call();
      // Calls run concurrently (a polling round, commands): an answer to a request sent before a
      // 429/5xx came back says nothing about the cloud since, so only one sent after it ends the backoff.
      if (this.failuresRecorded === failuresAtStart) {
        this.backoff = afterSuccess();
        this.lastErrorCode = null;
      }
      return result;
    } catch (error) {
      if (error instanceof OemError && (error.code === 'OEM_RATE_LIMITED' || error.code === 'OEM_UNAVAILABLE')) {
        const failedAt = this.clock();
        const retryAfter = error.retryAt ? Math.max(0, error.retryAt.getTime() - failedAt.getTime()) : undefined;
        this.backoff = afterFailure(this.backoff, this.policy, failedAt, retryAfter);
        this.lastErrorCode = error.code;
        this.failuresRecorded += 1;
      }
      throw error;
    }
  }
}
