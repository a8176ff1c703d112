import type { z } from 'zod';
import type { JobDefinition } from './job-definition';
import { PLATFORM_JOBS, PlatformJobName } from './platform.jobs';
import { FLEET_JOBS, FleetJobName } from './fleet.jobs';
import { TELEMETRY_JOBS, TelemetryJobName } from './telemetry.jobs';
import { OCPI_JOBS, OcpiJobName } from './ocpi.jobs';
import { OCPP_JOBS, OcppJobName } from './ocpp.jobs';
import { CONGESTION_JOBS, CongestionJobName } from './congestion.jobs';
import { MARKETS_JOBS, MarketsJobName } from './markets.jobs';
import { DISPATCH_JOBS, DispatchJobName } from './dispatch.jobs';
import { GATEWAYS_JOBS, GatewaysJobName } from './gateways.jobs';
import { PLANNING_JOBS, PlanningJobName } from './planning.jobs';
import { SETTLEMENT_JOBS, SettlementJobName } from './settlement.jobs';
import type { QueueName } from './queue-name';

/**
 * Every job of the platform, keyed by job name. Names are `<queue>.<verb-noun>` and unique across
 * queues. A context adds its jobs in a `<queue>.jobs.ts` file and spreads them here and into
 * `JobName`; the catalog spec then checks schemas, options and owners.
 */
export const JOB_CATALOG = {
  ...PLATFORM_JOBS,
  ...FLEET_JOBS,
  ...TELEMETRY_JOBS,
  ...OCPI_JOBS,
  ...OCPP_JOBS,
  ...CONGESTION_JOBS,
  ...MARKETS_JOBS,
  ...DISPATCH_JOBS,
  ...GATEWAYS_JOBS,
  ...PLANNING_JOBS,
  ...SETTLEMENT_JOBS,
} as const;

export const JobName = {
  ...PlatformJobName,
  ...FleetJobName,
  ...TelemetryJobName,
  ...OcpiJobName,
  ...OcppJobName,
  ...CongestionJobName,
  ...MarketsJobName,
  ...DispatchJobName,
  ...GatewaysJobName,
  ...PlanningJobName,
  ...SettlementJobName,
} as const;

export type JobName = keyof typeof JOB_CATALOG;

/** The validated payload type of a job. */
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_CATALOG)[N]['schema']>;

/** The job names that belong to queue `Q`. */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_CATALOG)[N]['queue'] extends Q ? N : never;
}[JobName];

/** A job ready to be enqueued: its name and a payload of the matching type. */
export type JobRequest<N extends JobName = JobName> = {
  [K in N]: { readonly name: K; readonly payload: JobPayload<K>; readonly delayMs?: number };
}[N];

export const ALL_JOB_NAMES = Object.keys(JOB_CATALOG) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_CATALOG, name);
}

/** The definition of a job, widened so generic code (relay, dispatcher) can use it. */
export function jobDefinition(name: JobName): JobDefinition {
  return JOB_CATALOG[name];
}

export function jobNamesOfQueue(queue: QueueName): JobName[] {
  return ALL_JOB_NAMES.filter((name) => JOB_CATALOG[name].queue === queue);
}
