import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertSafeIdentifiers, PERSONAL_DATA_COLUMNS, PersonalDataColumn } from '../domain/personal-data-catalog';
import { Pseudonym } from '../domain/pseudonym';

assertSafeIdentifiers(PERSONAL_DATA_COLUMNS);

/** Generic reads and erasures over the catalog's pseudonym columns; identifiers are checked at load. */
@Injectable()
export class PersonalDataRepository {
  readonly columns: readonly PersonalDataColumn[] = PERSONAL_DATA_COLUMNS;

  async tableExists(manager: EntityManager, entry: PersonalDataColumn): Promise<boolean> {
    const rows = await manager.query<{ present: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2) AS present`,
      [entry.table, entry.column],
    );
    return rows[0]?.present === true;
  }

  async rowsOf(manager: EntityManager, entry: PersonalDataColumn, hashes: readonly Pseudonym[]): Promise<Record<string, unknown>[]> {
    const rows = await manager.query<Record<string, unknown>[]>(`SELECT * FROM "${entry.table}" WHERE "${entry.column}" = ANY($1::text[]) ORDER BY 1`, [hashes]);
    const omitted = new Set(entry.omitFromExport ?? []);
    return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => !omitted.has(name))));
  }

  async erase(manager: EntityManager, entry: PersonalDataColumn, hashes: readonly Pseudonym[]): Promise<number> {
    const sql =
      entry.erase === 'delete'
        ? `DELETE FROM "${entry.table}" WHERE "${entry.column}" = ANY($1::text[])`
        : `UPDATE "${entry.table}" SET "${entry.column}" = NULL WHERE "${entry.column}" = ANY($1::text[])`;
    // TypeORM's pg driver returns [rows, affected] for DELETE/UPDATE through query().
    const result = await manager.query<[unknown[], number]>(sql, [hashes]);
    return result[1];
  }
}
