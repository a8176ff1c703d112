// Public API of @vpp/dispatch. The domain (pure, typed arrays) is re-exported whole; application and
// infrastructure exports are added below by their owners.
export * from './domain';
// Real-time loop, TSO feed and fan-out (H-DISP-LOOP).
export { DispatchModule } from './dispatch.module';
export { DISPATCH_ENTITIES } from './infrastructure/persistence/dispatch.entities';
export { TsoFeedCredentials } from './application/tso-feed-credentials';
export type { TsoFeedPrincipal } from './application/tso-feed-credentials';
export { ActivationIntake } from './application/activation-intake';
export { DISPATCH_CLOCK } from './application/dispatch-clock';
export type { DispatchClock } from './application/dispatch-clock';
export { ActivationState } from './application/activation-state';
export type { LatestSetpoint, LatestFrequency } from './application/activation-state';
export { DispatcherLoops } from './application/dispatcher-loops';
export { PortfolioLoop } from './application/portfolio-loop';
export type { CycleReport } from './application/portfolio-loop';
export { DispatchStateMirror } from './application/dispatch-state-mirror';
export { StaleFencingTokenError } from './application/dispatch-fence';
export { commandFor } from './application/record-command-batches';
export * from './application/tso-feed-messages';
export { TSO_FEED_METHOD, TSO_FEED_SUBPROTOCOL, TSO_FEED_WS_ENDPOINT, TsoFeedWsServer } from './infrastructure/tso-feed-ws.server';
