import type { DataSource } from 'typeorm';
import type { DeliveryDay } from '@vpp/units';

/**
 * The market products the catalog has no version of for the day (rules are effective-dated data:
 * e.g. FCR NL from 2020-07-01, aFRR capacity from 2020-11-03, IDCONS from 2024-10-02), with the
 * first day they exist: no gate is planned for them, and the summary says so.
 */
export async function productsNotOnDay(dataSource: DataSource, day: DeliveryDay): Promise<Record<string, string>> {
  const rows: { product_code: string; first: Date }[] = await dataSource.query(
    `SELECT product_code, min(valid_from) AS first FROM market_products GROUP BY product_code
      HAVING NOT bool_or(valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) ORDER BY product_code`,
    [day.start],
  );
  return Object.fromEntries(rows.map((row) => [row.product_code, `no product version for ${day.isoDate}; first valid from ${row.first.toISOString()}`]));
}
