import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { formatOcpiDateTime } from '../domain/ocpi-date-time';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { OcpiPulledModule, OcpiPullCursorEntity } from '../infrastructure/ocpi-pull-cursor.entity';
import { countHeaderOf, nextPageUrlOf } from '../protocol/pagination';
import { findEndpoint } from '../protocol/versions.schema';
import { OcpiSettings } from './ocpi-settings';
import { StoreLocationUseCase } from './store-location.use-case';
import { StoreSessionUseCase } from './store-session.use-case';

/** What we ask per page; the CPO may answer with fewer (its X-Limit). */
export const PULL_PAGE_LIMIT = 100;
// A CPO whose Link headers loop (or a list that keeps growing) must not keep a worker forever.
const MAX_PAGES_PER_PULL = 10_000;
// Locations first: a Session names its Location, which must be known when the Session is stored.
const MODULES: readonly OcpiPulledModule[] = ['locations', 'sessions'];

export interface ModulePullOutcome {
  readonly module: OcpiPulledModule;
  readonly dateFrom: string | null;
  readonly dateTo: string;
  readonly pages: number;
  readonly received: number;
  readonly stored: number;
  readonly invalid: number;
}

export interface PartyPullOutcome {
  readonly skipped: 'not_registered' | null;
  readonly modules: readonly ModulePullOutcome[];
}

const pageSchema = z.array(z.unknown());

interface PulledObjectPath {
  readonly countryCode: string;
  readonly partyId: string;
  readonly id: string;
}

function pathOf(object: unknown): PulledObjectPath | null {
  if (typeof object !== 'object' || object === null) return null;
  const { country_code: countryCode, party_id: partyId, id } = object as Record<string, unknown>;
  return typeof countryCode === 'string' && typeof partyId === 'string' && typeof id === 'string' ? { countryCode, partyId, id } : null;
}

/**
 * The client side of mod_locations and mod_sessions "Sender Interface" (transport_and_format
 * "Pull and Push", "Pagination"): GETs the objects changed since the last complete pull
 * (`date_from` = the previous `date_to`), page by page along `Link: <...>; rel="next"`, and stores
 * each one through the same use case as a pushed PUT, so `last_updated` ordering makes a repeat
 * or an object already pushed a no-op. An invalid object is counted and logged, and the rest of
 * its page is stored ("the client should at least process the correct OCPI objects"). The cursor
 * moves only when every page of the module was read.
 */
@Injectable()
export class PullPartyModulesUseCase {
  private readonly logger = new Logger(PullPartyModulesUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OcpiSettings,
    private readonly locations: StoreLocationUseCase,
    private readonly sessions: StoreSessionUseCase,
  ) {}

  async execute(ocpiPartyId: string, now: Date = new Date()): Promise<PartyPullOutcome> {
    const party = await this.dataSource.getRepository(OcpiPartyEntity).findOneByOrFail({ id: ocpiPartyId });
    if (party.status !== 'registered' || party.outboundTokenEncrypted === null) return { skipped: 'not_registered', modules: [] };
    const token = this.settings.cipher.decrypt(party.outboundTokenEncrypted);
    const outcomes: ModulePullOutcome[] = [];
    for (const module of MODULES) {
      const endpoint = findEndpoint(party.endpoints, module, 'SENDER');
      if (endpoint === undefined) continue;
      outcomes.push(await this.pullModule(party, token, module, endpoint, now));
    }
    return { skipped: null, modules: outcomes };
  }

  private async pullModule(party: OcpiPartyEntity, token: string, module: OcpiPulledModule, endpoint: string, now: Date): Promise<ModulePullOutcome> {
    const cursors = this.dataSource.getRepository(OcpiPullCursorEntity);
    const cursor = await cursors.findOneBy({ ocpiPartyId: party.id, module });
    const dateFrom = cursor === null ? null : formatOcpiDateTime(cursor.pulledUntil);
    // Whole seconds, the precision of the filter on the wire; the next pull starts exactly here.
    const dateTo = formatOcpiDateTime(now);
    // A replica whose clock is behind the last pull's must not move the cursor back (and re-pull).
    if (dateFrom !== null && Date.parse(dateTo) <= Date.parse(dateFrom)) return { module, dateFrom, dateTo, pages: 0, received: 0, stored: 0, invalid: 0 };
    const first = new URL(endpoint);
    if (dateFrom !== null) first.searchParams.set('date_from', dateFrom);
    first.searchParams.set('date_to', dateTo);
    first.searchParams.set('offset', '0');
    first.searchParams.set('limit', String(PULL_PAGE_LIMIT));
    let url: string | undefined = first.toString();
    let offset = 0;
    let pages = 0;
    let received = 0;
    let stored = 0;
    let invalid = 0;
    while (url !== undefined) {
      if (pages >= MAX_PAGES_PER_PULL) throw new OcpiError('OCPI_PARTY_UNREACHABLE', `${module} of ${party.countryCode}*${party.partyId}: more than ${MAX_PAGES_PER_PULL} pages`);
      const page = await this.settings.client.call({ method: 'GET', url, token, dataSchema: pageSchema, routing: this.settings.routingTo(party) });
      pages += 1;
      received += page.data.length;
      for (const object of page.data) {
        if (await this.storeOne(party, module, object, offset)) stored += 1;
        else invalid += 1;
        offset += 1;
      }
      url = this.nextPage(url, page.headers, offset, page.data.length);
    }
    const pulledUntil = new Date(Date.parse(dateTo));
    await cursors.upsert(
      { ocpiPartyId: party.id, module, pulledUntil, pulledAt: new Date(), objectsStored: stored, objectsInvalid: invalid },
      ['ocpiPartyId', 'module'],
    );
    const outcome = { module, dateFrom, dateTo, pages, received, stored, invalid };
    this.logger.log({ msg: 'ocpi pull done', ocpiPartyId: party.id, party: `${party.countryCode}*${party.partyId}`, ...outcome });
    return outcome;
  }

  /**
   * The Link header's next page; without one, a page as full as X-Limit while X-Total-Count says
   * more objects exist is followed at the next offset (the CPO forgot the Link); an empty page ends.
   */
  private nextPage(current: string, headers: Headers, offset: number, pageSize: number): string | undefined {
    const linked = nextPageUrlOf(headers.get('link'));
    if (linked !== undefined) return pageSize === 0 ? undefined : new URL(linked, current).toString();
    const total = countHeaderOf(headers.get('x-total-count'));
    const limit = countHeaderOf(headers.get('x-limit'));
    if (pageSize === 0 || total === undefined || offset >= total || (limit !== undefined && pageSize < limit)) return undefined;
    const next = new URL(current);
    next.searchParams.set('offset', String(offset));
    if (limit !== undefined) next.searchParams.set('limit', String(limit));
    return next.toString();
  }

  /** Stores one pulled object as if it had been PUT; false when it is not a valid object of this party. */
  private async storeOne(party: OcpiPartyEntity, module: OcpiPulledModule, object: unknown, index: number): Promise<boolean> {
    const path = pathOf(object);
    try {
      if (path === null) throw new OcpiError('OCPI_INVALID_PAYLOAD', 'Not an object with country_code, party_id and id');
      if (module === 'locations') await this.locations.put(party, { countryCode: path.countryCode, partyId: path.partyId, locationId: path.id }, object);
      else await this.sessions.put(party, { countryCode: path.countryCode, partyId: path.partyId, sessionId: path.id }, object);
      return true;
    } catch (error) {
      if (!(error instanceof OcpiError)) throw error;
      this.logger.warn({
        msg: 'ocpi pulled object invalid',
        ocpiPartyId: party.id,
        module,
        index,
        objectId: path?.id ?? null,
        code: error.code,
        reason: error.message,
        details: error.details.slice(0, 10),
      });
      return false;
    }
  }
}
