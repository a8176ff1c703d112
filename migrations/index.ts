// Every migration, in order. Listed explicitly so ts-node, jest and compiled dist load the same
// set. Never edit a merged migration; add a new one (STYLE.md 9.5).
import { CreateAccessTables1764000000000 } from './1764000000000-CreateAccessTables';
import { CreateOutbox1764000001000 } from './1764000001000-CreateOutbox';
import { CreateFleetModel1764100000000 } from './1764100000000-CreateFleetModel';
import { CreateOcppTables1764100200000 } from './1764100200000-CreateOcppTables';
import { CreateOcpiTables1764100100000 } from './1764100100000-CreateOcpiTables';
import { PseudonymiseOcpiTokens1764100110000 } from './1764100110000-PseudonymiseOcpiTokens';
import { CreateTelemetryTables1764100300000 } from './1764100300000-CreateTelemetryTables';
import { CreateMeterValueSessionState1764100310000 } from './1764100310000-CreateMeterValueSessionState';
import { CreateOemTables1764100400000 } from './1764100400000-CreateOemTables';
import { CreateMobilityNeeds1764100401000 } from './1764100401000-CreateMobilityNeeds';
import { CreateSessionForecasts1764200200000 } from './1764200200000-CreateSessionForecasts';
import { CreatePortfoliosAndLedger1764200300000 } from './1764200300000-CreatePortfoliosAndLedger';
import { CreateBaselineRecords1764200301000 } from './1764200301000-CreateBaselineRecords';
import { CreatePlanRunsAndSiteServices1764200400000 } from './1764200400000-CreatePlanRunsAndSiteServices';
import { OcpiPullsAndProfileCommands1764200510000 } from './1764200510000-OcpiPullsAndProfileCommands';
import { CreateUftpTables1764300100000 } from './1764300100000-CreateUftpTables';
import { CreateMarketProductsAndCalendar1764300200000 } from './1764300200000-CreateMarketProductsAndCalendar';
import { CreateSettlementLedger1764300300000 } from './1764300300000-CreateSettlementLedger';
import { CreateBids1764300500000 } from './1764300500000-CreateBids';
import { CreateDispatchTables1764300400000 } from './1764300400000-CreateDispatchTables';
import { CreateGatewaySubmissionsAndAwards1764300600000 } from './1764300600000-CreateGatewaySubmissionsAndAwards';
import { CreateSettlementPipeline1764300700000 } from './1764300700000-CreateSettlementPipeline';
import { SettlementAfrrEnergyPrices1764300900000 } from './1764300900000-SettlementAfrrEnergyPrices';
import { MeterValueDerivedQuantities1764400000000 } from './1764400000000-MeterValueDerivedQuantities';
import { DispatchTrackingDirections1764400100000 } from './1764400100000-DispatchTrackingDirections';
import { IdconsEarlierProductTerms1764400350000 } from './1764400350000-IdconsEarlierProductTerms';
import { OemLinkChargingEvse1764400630000 } from './1764400630000-OemLinkChargingEvse';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_MIGRATIONS: Function[] = [
  CreateAccessTables1764000000000,
  CreateOutbox1764000001000,
  CreateFleetModel1764100000000,
  CreateOcppTables1764100200000,
  CreateOcpiTables1764100100000,
  PseudonymiseOcpiTokens1764100110000,
  CreateTelemetryTables1764100300000,
  CreateMeterValueSessionState1764100310000,
  CreateOemTables1764100400000,
  CreateMobilityNeeds1764100401000,
  CreateSessionForecasts1764200200000,
  CreatePortfoliosAndLedger1764200300000,
  CreateBaselineRecords1764200301000,
  CreatePlanRunsAndSiteServices1764200400000,
  OcpiPullsAndProfileCommands1764200510000,
  CreateUftpTables1764300100000,
  CreateMarketProductsAndCalendar1764300200000,
  CreateSettlementLedger1764300300000,
  CreateBids1764300500000,
  CreateDispatchTables1764300400000,
  CreateGatewaySubmissionsAndAwards1764300600000,
  CreateSettlementPipeline1764300700000,
  SettlementAfrrEnergyPrices1764300900000,
  MeterValueDerivedQuantities1764400000000,
  DispatchTrackingDirections1764400100000,
  IdconsEarlierProductTerms1764400350000,
  OemLinkChargingEvse1764400630000,
];
