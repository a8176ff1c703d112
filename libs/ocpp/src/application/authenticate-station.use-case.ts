import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { verifySecret } from '@vpp/access';
import { OcppStationEntity } from '../infrastructure/ocpp-station.entity';
import type { StationPrincipal } from './station-principal';

// Unknown stations still cost one hash, so timing does not tell which station ids exist.
const DUMMY_HASH = 'scrypt$ln=14,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Security profile 1/2: HTTP basic auth, user = station id (2.0.1 Part 2 A00, Part 4 "OCPP-J"). */
@Injectable()
export class AuthenticateStationUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(stationId: string, password: Buffer | undefined): Promise<StationPrincipal | null> {
    const station = await this.dataSource.getRepository(OcppStationEntity).findOneBy({ stationId });
    const presented = password?.toString('utf8') ?? '';
    const valid = await verifySecret(presented, station?.passwordHash ?? DUMMY_HASH);
    if (!station || !valid || password === undefined) return null;
    return {
      id: station.id,
      stationId: station.stationId,
      organisationId: station.organisationId,
      countryCode: station.countryCode,
      fleetId: station.fleetId,
      siteId: station.siteId,
      declaredBidirectional: station.declaredBidirectional,
    };
  }
}
