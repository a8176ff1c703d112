import { MobilityNeedsEntity } from './mobility-needs.entity';

export const MOBILITY_ENTITIES = [MobilityNeedsEntity];
