/**
 * Every BullMQ queue of the platform. Values are kebab-case and are part of the Redis key
 * (`<prefix>:<queue>:...`), so renaming one strands the jobs already waiting in it.
 */
export const QueueName = {
  Planning: 'planning',
  Bidding: 'bidding',
  DispatchCommands: 'dispatch-commands',
  Settlement: 'settlement',
  Reports: 'reports',
  /** Foundation jobs: pipeline probes, housekeeping. */
  Platform: 'platform',
  /** Fleet model housekeeping (libs/fleet): stale sessions. */
  Fleet: 'fleet',
  /** Commands to counterparties sent by the connector (libs/ocpi: SetChargingProfile to CPOs). */
  Connector: 'connector',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

/** The deployable apps (ARCHITECTURE.md section 3). */
export const AppName = {
  Api: 'api',
  Connector: 'connector',
  Planner: 'planner',
  Dispatcher: 'dispatcher',
  Settlement: 'settlement',
  Simulator: 'simulator',
  /** Everything in one process: owns every queue. */
  Platform: 'platform',
} as const;

export type AppName = (typeof AppName)[keyof typeof AppName];

/**
 * The one app that processes each queue when the apps are deployed separately. Processors live
 * only in the owning app (STYLE.md 9.4); every other app is a producer for that queue. The
 * `platform` app owns them all. Platform jobs go to settlement because it is the back-office
 * worker that runs in every split deployment.
 */
export const QUEUE_OWNERS: Readonly<Record<QueueName, Exclude<AppName, 'platform'>>> = {
  planning: 'planner',
  bidding: 'planner',
  'dispatch-commands': 'dispatcher',
  settlement: 'settlement',
  reports: 'settlement',
  platform: 'settlement',
  fleet: 'connector',
  connector: 'connector',
};

/** The queues whose jobs `app` must process. */
export function queuesOwnedBy(app: AppName): QueueName[] {
  if (app === AppName.Platform) return [...ALL_QUEUE_NAMES];
  return ALL_QUEUE_NAMES.filter((queue) => QUEUE_OWNERS[queue] === app);
}
