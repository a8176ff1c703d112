import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Pseudonymiser } from '@vpp/privacy';
import { OcpiError } from '../domain/ocpi.errors';
import { OcpiCdrEntity } from '../infrastructure/ocpi-cdr.entity';
import type { OcpiPartyEntity } from '../infrastructure/ocpi-party.entity';
import { cdrSchema } from '../protocol/cdr.schema';
import { ocpiKwh } from '../protocol/ocpi-primitives';
import { parseOcpi } from '../protocol/parse-ocpi';
import { withoutTokenIdentifiers } from '../protocol/stored-object';

export interface StoredCdr {
  /** Our id: the last segment of the Location header we answer with (mod_cdrs "POST Method"). */
  readonly id: string;
  readonly created: boolean;
}

/**
 * CDRs receiver. A CDR is immutable; the same CDR POSTed again answers with the stored one. The
 * token uid is stored as its pseudonym only; uid, contract id and authorization reference are not
 * kept in the stored object.
 */
@Injectable()
export class StoreCdrUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pseudonymiser: Pseudonymiser,
  ) {}

  async post(party: OcpiPartyEntity, body: unknown): Promise<StoredCdr> {
    const cdr = parseOcpi(cdrSchema, body, 'CDR');
    if (cdr.country_code.toUpperCase() !== party.countryCode || cdr.party_id.toUpperCase() !== party.partyId) {
      throw new OcpiError('OCPI_PARTY_MISMATCH', 'The CDR belongs to another party than the token');
    }
    const { stored } = withoutTokenIdentifiers(cdr);
    const rows: { id: string; inserted: boolean }[] = await this.dataSource.query(
      `INSERT INTO ocpi_cdrs (id, ocpi_party_id, cdr_id, session_id, start_date_time, end_date_time, total_energy_kwh, object, received_at, token_uid_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)
       ON CONFLICT ON CONSTRAINT uq_ocpi_cdrs_party_cdr DO UPDATE SET cdr_id = ocpi_cdrs.cdr_id
       RETURNING id, (xmax = 0) AS inserted`,
      [
        randomUUID(),
        party.id,
        cdr.id,
        cdr.session_id ?? null,
        cdr.start_date_time,
        cdr.end_date_time,
        ocpiKwh(cdr.total_energy).toString(),
        JSON.stringify(stored),
        this.pseudonymiser.pseudonymise('ocpi-token', cdr.cdr_token.uid),
      ],
    );
    return { id: rows[0].id, created: rows[0].inserted };
  }

  async get(party: OcpiPartyEntity, id: string): Promise<Record<string, unknown>> {
    const row = await this.dataSource.getRepository(OcpiCdrEntity).findOne({ where: { id, ocpiPartyId: party.id } });
    if (!row) throw new OcpiError('OCPI_NOT_FOUND', 'Unknown CDR');
    return row.object;
  }
}
