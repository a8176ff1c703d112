import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '../libs/config/src';
import { keyedPseudonym } from '../libs/privacy/src/domain/pseudonym';

const TABLES = ['ocpi_sessions', 'ocpi_cdrs'] as const;
// The token identifiers of an OCPI CdrToken / Session / CDR that point at a driver (issue 3 item 7).
function scrubbed(object: string): string {
  return `(${object} - 'authorization_reference') || jsonb_build_object('cdr_token', (${object} -> 'cdr_token') - 'uid' - 'contract_id')`;
}

/**
 * OCPI token uids become keyed pseudonyms (`token_uid_hash`, HMAC-SHA256 as in libs/privacy,
 * kind `ocpi-token`); the raw uid, contract id and authorization reference leave the stored
 * objects. Rows stored before this migration are rewritten the same way.
 */
export class PseudonymiseOcpiTokens1764100110000 implements MigrationInterface {
  name = 'PseudonymiseOcpiTokens1764100110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const secret = loadConfig().privacy.hmacSecret;
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "token_uid_hash" character varying(64)`);
      await queryRunner.query(`CREATE INDEX "ix_${table}_token_uid_hash" ON "${table}" ("token_uid_hash")`);
      const rows: { id: string; uid: string | null }[] = await queryRunner.query(`SELECT id, object -> 'cdr_token' ->> 'uid' AS uid FROM "${table}"`);
      const ids = rows.map((row) => row.id);
      const hashes = rows.map((row) => (row.uid === null || row.uid.trim() === '' ? null : keyedPseudonym(secret, 'ocpi-token', row.uid)));
      await queryRunner.query(
        `UPDATE "${table}" t SET token_uid_hash = u.hash, object = ${scrubbed('t.object')}
         FROM unnest($1::uuid[], $2::text[]) AS u(id, hash) WHERE t.id = u.id`,
        [ids, hashes],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The raw uids are gone for good; only the columns can be taken back.
    for (const table of TABLES) {
      await queryRunner.query(`DROP INDEX "ix_${table}_token_uid_hash"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "token_uid_hash"`);
    }
  }
}
