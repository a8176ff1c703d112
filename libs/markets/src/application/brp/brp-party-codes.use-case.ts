import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessError, notFound } from '@vpp/access';

export interface BrpPartyCodeView {
  readonly code: string;
  readonly organisationId: string;
}

/**
 * Operators record which market party codes (the BRP's EAN, as portfolios name it in
 * `brp_reference`) a BRP organisation answers for; that is what scopes the BRP API.
 */
@Injectable()
export class BrpPartyCodesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async register(organisationId: string, code: string, now = new Date()): Promise<BrpPartyCodeView> {
    return this.dataSource.transaction(async (manager) => {
      const organisations: { kind: string }[] = await manager.query(`SELECT kind FROM organisations WHERE id = $1`, [organisationId]);
      if (organisations.length === 0 || organisations[0].kind !== 'brp') throw notFound('brp organisation');
      await manager.query(`INSERT INTO brp_party_codes (code, organisation_id, created_at) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT pk_brp_party_codes DO NOTHING`, [
        code,
        organisationId,
        now,
      ]);
      const rows: { organisation_id: string }[] = await manager.query(`SELECT organisation_id FROM brp_party_codes WHERE code = $1`, [code]);
      if (rows[0].organisation_id !== organisationId) throw new AccessError('CONFLICT', `party code ${code} belongs to another BRP`);
      return { code, organisationId };
    });
  }
}
