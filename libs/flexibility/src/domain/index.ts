// The pure part of libs/flexibility (no Nest, TypeORM or BullMQ): what libs/optimizer, other
// domains and benchmarks import. The lib's root index also carries the Nest module, entities and
// controllers, so pure code imports `@vpp/flexibility/domain` instead (a lint rule enforces it).
export * from './uncontrolled-charging';
export * from './baseline';
export * from './flexibility-envelope';
export * from './forecast';
export * from './aggregation/aggregation-member';
export * from './aggregation/firm-capacity';
export * from './aggregation/presence-probability';
export * from './aggregation/portfolio-aggregate';
export type { ReserveBand } from './aggregation/reserve-bands';
export type { VirtualBattery } from './aggregation/virtual-battery';
