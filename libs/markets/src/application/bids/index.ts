export * from './bid-status-updater';
export * from './bid.queries';
export type { BidView } from './bid.view';
export * from './bid-recorder';
export * from './portfolio-plan-source';
export * from './building-bid-preparer';
export * from './prepare-congestion-bids.use-case';
export { BID_PREPARER_ACTOR } from './bid-audit';
