// Entities import their dependencies by path, not through @vpp/* barrels: the entity registry in
// libs/persistence loads them, and a barrel import would close a cycle back to it.
import { UftpAgrKeyEntity } from './uftp-agr-key.entity';
import { UftpCongestionPointEntity } from './uftp-congestion-point.entity';
import { UftpFlexOfferEntity } from './uftp-flex-offer.entity';
import { UftpFlexOrderEntity } from './uftp-flex-order.entity';
import { UftpFlexRequestEntity } from './uftp-flex-request.entity';
import { UftpFlexSettlementEntity } from './uftp-flex-settlement.entity';
import { UftpOutboundMessageEntity } from './uftp-outbound-message.entity';
import { UftpParticipantEntity } from './uftp-participant.entity';
import { UftpReceivedMessageEntity } from './uftp-received-message.entity';

export const CONGESTION_ENTITIES = [
  UftpAgrKeyEntity,
  UftpParticipantEntity,
  UftpCongestionPointEntity,
  UftpReceivedMessageEntity,
  UftpFlexRequestEntity,
  UftpFlexOfferEntity,
  UftpFlexOrderEntity,
  UftpOutboundMessageEntity,
  UftpFlexSettlementEntity,
];
