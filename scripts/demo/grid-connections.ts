import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { withEanCheckDigit } from '@vpp/fleet';

// ASSUMED connection per demo site: the files record no grid connection. Sized so the site's EVSEs nest under it.
const MIN_IMPORT_KW = 1_000;
// ASSUMED: the first half of the sites lies in one congestion area, the rest in another (so IDCONS pairs have an outside).
export const DEMO_CONGESTION_AREAS = ['demo-area-north', 'demo-area-south'] as const;

/**
 * Gives every imported demo site a grid connection (EAN with GS1 check digit, limits, the demo DSO
 * and one congestion area). A thin adapter: the fleet API sets limits on an existing connection
 * (PATCH /v1/sites/{id}/grid-connection) but has no way to add one to a site the importer created;
 * written in one transaction per the fleet model's table, like the API would.
 */
export async function connectDemoSites(dataSource: DataSource, siteIds: readonly string[], dsoName: string, siteOffset = 0): Promise<Map<string, string>> {
  const eans = new Map<string, string>();
  await dataSource.transaction(async (manager) => {
    for (const [index, siteId] of siteIds.entries()) {
      const rows: { total_kw: number }[] = await manager.query(`SELECT ceil(coalesce(sum(max_power_kw), 0))::int AS total_kw FROM evses WHERE site_id = $1`, [siteId]);
      const evseKw = rows[0]?.total_kw ?? 0;
      const importKw = Math.max(MIN_IMPORT_KW, evseKw);
      // 871 (NL) + a demo prefix + the site's number: 17 data digits.
      const ean = withEanCheckDigit(`8719990000${String(siteOffset + index + 1).padStart(7, '0')}`);
      await manager.query(
        `INSERT INTO grid_connections (id, site_id, ean, import_limit_kw, export_limit_kw, fuse_limit_kw, dso, congestion_area, created_at)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7, now())`,
        [randomUUID(), siteId, ean, importKw, Math.ceil(importKw * 1.25), dsoName, DEMO_CONGESTION_AREAS[index < siteIds.length / 2 ? 0 : 1]],
      );
      eans.set(siteId, ean);
    }
  });
  return eans;
}
