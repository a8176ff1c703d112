// Public API of the dispatch domain (pure TypeScript on typed arrays; no framework imports).
export * from './dispatch.errors';
export * from './dispatch-channel';
export * from './dispatch-fleet';
export * from './dispatch-sites';
export * from './fcr-droop';
export * from './portfolio-target';
export * from './isp-energy-ledger';
export * from './laxity';
export * from './laxity-order';
export * from './disaggregation.types';
export * from './disaggregator';
export * from './tracking-error';
export * from './aggregate-feedback';
export * from './delivery-monitoring.types';
export * from './responsiveness-monitor';
export * from './unmeasured-draw';
export * from './channel-latency';
