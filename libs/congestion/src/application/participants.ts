import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../../persistence/src/unique-violation';
import { CongestionError } from '../domain/congestion.errors';
import { parseCs1PublicKey } from '../domain/cs1-key';
import { parseCongestionPoint } from '../domain/entity-address';
import { UftpCongestionPointEntity } from '../infrastructure/uftp-congestion-point.entity';
import { UftpParticipantEntity } from '../infrastructure/uftp-participant.entity';

export interface RegisterParticipantInput {
  readonly organisationId: string;
  readonly domain: string;
  readonly publicKey: string;
  readonly endpointUrl: string;
}

/** DSO participants (registered by operators) and the congestion points they register. */
@Injectable()
export class Participants {
  constructor(private readonly dataSource: DataSource) {}

  async register(input: RegisterParticipantInput): Promise<UftpParticipantEntity> {
    parseCs1PublicKey(input.publicKey);
    const participant = this.dataSource.getRepository(UftpParticipantEntity).create({
      id: randomUUID(),
      organisationId: input.organisationId,
      domain: input.domain,
      role: 'DSO',
      publicKey: input.publicKey,
      endpointUrl: input.endpointUrl,
      createdAt: new Date(),
    });
    try {
      return await this.dataSource.getRepository(UftpParticipantEntity).save(participant);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CongestionError('UFTP_PARTICIPANT_EXISTS', `a DSO participant for ${input.domain} exists`);
      throw error;
    }
  }

  list(): Promise<UftpParticipantEntity[]> {
    return this.dataSource.getRepository(UftpParticipantEntity).find({ order: { createdAt: 'ASC' } });
  }

  findByDomain(domain: string, role: string): Promise<UftpParticipantEntity | null> {
    return this.dataSource.getRepository(UftpParticipantEntity).findOneBy({ domain, role: role === 'CRO' ? 'CRO' : 'DSO' });
  }

  /** The participant a DSO organisation's /v1 callers act as. */
  async ofOrganisation(organisationId: string): Promise<UftpParticipantEntity> {
    const participant = await this.dataSource.getRepository(UftpParticipantEntity).findOneBy({ organisationId, role: 'DSO' });
    if (!participant) throw new CongestionError('UFTP_UNKNOWN_PARTICIPANT', 'this organisation is not registered as a UFTP DSO participant');
    return participant;
  }

  async registerCongestionPoint(participantId: string, entityAddress: string, congestionArea: string | null): Promise<UftpCongestionPointEntity> {
    const point = this.dataSource.getRepository(UftpCongestionPointEntity).create({
      id: randomUUID(),
      participantId,
      entityAddress: parseCongestionPoint(entityAddress),
      congestionArea,
      createdAt: new Date(),
    });
    try {
      return await this.dataSource.getRepository(UftpCongestionPointEntity).save(point);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CongestionError('UFTP_CONGESTION_POINT_EXISTS', `${entityAddress} is already registered`);
      throw error;
    }
  }

  congestionPoints(participantId: string): Promise<UftpCongestionPointEntity[]> {
    return this.dataSource.getRepository(UftpCongestionPointEntity).find({ where: { participantId }, order: { createdAt: 'ASC' } });
  }
}
