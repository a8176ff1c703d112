/** How a session is steered (ARCHITECTURE.md section 2, "Control channel"). */
export const CONTROL_CHANNELS = ['ocpi', 'ocpp', 'oem'] as const;
export type ControlChannel = (typeof CONTROL_CHANNELS)[number];

/** Where a session's data came from. */
export const SESSION_SOURCES = ['import', 'ocpi', 'ocpp', 'oem'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

/** Innovation-cluster tag of a site (issue 3, item 1). */
export const INNOVATION_CLUSTERS = ['home', 'workplace', 'depot', 'public'] as const;
export type InnovationCluster = (typeof INNOVATION_CLUSTERS)[number];

export const CURRENT_TYPES = ['AC', 'DC'] as const;
export type CurrentType = (typeof CURRENT_TYPES)[number];

/** How a charge point is reached: through a CPO (OCPI), directly (OCPP), or not at all (history). */
export const CHARGE_POINT_PROTOCOLS = ['ocpi', 'ocpp', 'none'] as const;
export type ChargePointProtocol = (typeof CHARGE_POINT_PROTOCOLS)[number];

export const OCPP_VERSIONS = ['2.0.1', '2.1'] as const;
export type OcppVersion = (typeof OCPP_VERSIONS)[number];

/** Entity kinds that can carry an external id of a party. */
export const EXTERNAL_ENTITY_TYPES = ['site', 'charge_point', 'evse', 'session', 'vehicle'] as const;
export type ExternalEntityType = (typeof EXTERNAL_ENTITY_TYPES)[number];

/**
 * An external party: OCPI's (country_code, party_id). Session ids are unique only per party, so
 * every external id is stored with one. OCPP and OEM adapters use their own party ids (1-64 of
 * A-Z a-z 0-9 . _ -), e.g. the station's operator country and `ocpp`, or `oem-<name>`.
 */
export interface ExternalParty {
  readonly countryCode: string;
  readonly partyId: string;
}

/** The key of a party in `channel_latency.party`, e.g. `NL*ABC`. */
export function partyKey(party: ExternalParty): string {
  return `${party.countryCode}*${party.partyId}`;
}

/**
 * Whether a channel can carry a discharge command at all: OCPI 2.2.1 charging profiles are max
 * limits without a discharge field (MARKETS.md section 8); OCPP 2.1 has setpoints and discharge
 * limits (section 7); the generic OEM interface has start/stop/limit only.
 */
export const CHANNEL_CAN_DISCHARGE: Readonly<Record<ControlChannel, boolean>> = { ocpi: false, ocpp: true, oem: false };
