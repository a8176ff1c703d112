import { DispatchCommandBatchEntity } from './dispatch-command-batch.entity';
import { DispatchCommandEntity } from './dispatch-command.entity';
import { DispatchFenceEntity } from './dispatch-fence.entity';
import { DispatchIspPositionEntity } from './dispatch-isp-position.entity';
import { DispatchSessionMarkEntity } from './dispatch-session-mark.entity';
import { DispatchSetpointEntity } from './dispatch-setpoint.entity';
import { DispatchTrackingIspEntity } from './dispatch-tracking-isp.entity';
import { TsoFeedEntity } from './tso-feed.entity';

export const DISPATCH_ENTITIES = [
  TsoFeedEntity,
  DispatchFenceEntity,
  DispatchSetpointEntity,
  DispatchIspPositionEntity,
  DispatchCommandBatchEntity,
  DispatchCommandEntity,
  DispatchTrackingIspEntity,
  DispatchSessionMarkEntity,
];
