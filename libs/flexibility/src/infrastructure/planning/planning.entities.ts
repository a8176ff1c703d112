import { SiteServicesEntity } from '../site-services/site-services.entity';
import { PlanPortfolioIspEntity } from './plan-portfolio-isp.entity';
import { PlanRunEntity } from './plan-run.entity';
import { PlanSessionIspEntity } from './plan-session-isp.entity';

export const PLANNING_ENTITIES = [PlanRunEntity, PlanSessionIspEntity, PlanPortfolioIspEntity, SiteServicesEntity];
