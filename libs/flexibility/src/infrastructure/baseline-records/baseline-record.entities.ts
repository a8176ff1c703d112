import { BaselineRecordIspEntity } from './baseline-record-isp.entity';
import { BaselineRecordEntity } from './baseline-record.entity';

export const BASELINE_RECORD_ENTITIES = [BaselineRecordEntity, BaselineRecordIspEntity];
