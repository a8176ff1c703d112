/**
 * The meter stage in SQL (ARCHITECTURE.md 7: 9.6 M session-ISP values are summed in PostgreSQL,
 * never one Decimal each). Parameters: $1 portfolio id, $2 period start, $3 period end.
 *
 * Energy per session and ISP, in the fallback order of issue 7:
 * - `measured`: the import register's increase between consecutive meter values, when every
 *   interval touching the ISP is at most one ISP long; an interval crossing an ISP boundary is
 *   split pro rata to time (the register interpolated linearly at the boundary);
 * - `estimated`: an ISP covered only by a longer gap between meter values (interpolated the same
 *   way), or an ISP of the recorded baseline after the last meter value (taken as 0 kWh);
 * - `profile`: a session without any meter value near the period: its recorded baseline stands
 *   in, so no flexibility is claimed for it.
 * Discharge: meter_values holds an import register only, so exported energy is the mean of the
 * two negative power readings times the interval (ASSUMED: linear power between readings).
 * Meter values up to 6 hours outside the period bracket its first and last ISP.
 * Arithmetic in exact micro-kWh integers (ARCHITECTURE.md 7: bigint sums, not numeric per row);
 * a piece of an interval split over ISPs is rounded to 1 micro-kWh, so a split may move that
 * much between two ISPs.
 * The baseline is the session's latest recorded baseline known by the period's end.
 * Portfolio membership: sessions at the portfolio's sites (any market), each counted once.
 */
const membersAndRows = (memberFilter = ''): string => `
  members AS (
    SELECT DISTINCT s.id AS session_id, s.fleet_id, s.arrival_at, coalesce(s.actual_departure_at, s.expected_departure_at) AS departure_at
      FROM portfolio_sites ps
      JOIN evses e ON e.site_id = ps.site_id
      JOIN sessions s ON s.evse_id = e.id
     WHERE ps.portfolio_id = $1 ${memberFilter} AND s.arrival_at < $3::timestamptz
       AND coalesce(s.actual_departure_at, s.expected_departure_at, 'infinity'::timestamptz) > $2::timestamptz
  ),
  -- Per session, its meter values in time order straight from the (session_id, measured_at)
  -- primary keys of the day partitions: the lag needs no sort of the whole portfolio.
  readings AS (
    SELECT m.session_id, r.t1, r.r1, r.p1, r.t0, r.r0, r.p0
      FROM members m
      CROSS JOIN LATERAL (
        SELECT v.measured_at AS t1, v.reg AS r1, v.power_kw AS p1,
               lag(v.measured_at) OVER w AS t0, lag(v.reg) OVER w AS r0, lag(v.power_kw) OVER w AS p0
          FROM (
            SELECT mv.measured_at, (mv.energy_register_kwh * 1000000)::bigint AS reg, mv.power_kw
              FROM meter_values mv
             WHERE mv.session_id = m.session_id
               AND mv.measured_at >= $2::timestamptz - interval '6 hours' AND mv.measured_at <= $3::timestamptz + interval '6 hours'
             ORDER BY mv.measured_at
          ) v
        WINDOW w AS (ORDER BY v.measured_at)
      ) r
  ),
  intervals AS (
    SELECT session_id, t0, t1,
           r1 - r0 AS charged,
           CASE WHEN p0 + p1 < 0 THEN round(-(p0 + p1) / 2 * extract(epoch FROM t1 - t0) / 3600 * 1000000)::bigint ELSE 0 END AS discharged,
           t1 - t0 <= interval '15 minutes' AS short,
           date_bin('15 minutes', t0, 'epoch') AS first_isp,
           date_bin('15 minutes', t1 - interval '1 microsecond', 'epoch') AS last_isp
      FROM readings
     WHERE t0 IS NOT NULL AND t1 > $2::timestamptz AND t0 < $3::timestamptz
  ),
  pieces AS (
    SELECT session_id, first_isp AS isp_start, charged, discharged, CASE WHEN short THEN 0 ELSE 1 END AS basis_rank FROM intervals WHERE first_isp = last_isp
    UNION ALL
    SELECT i.session_id, g.isp_start,
           round(i.charged * share.f)::bigint, round(i.discharged * share.f)::bigint, CASE WHEN i.short THEN 0 ELSE 1 END
      FROM intervals i
      CROSS JOIN LATERAL generate_series(i.first_isp, i.last_isp, interval '15 minutes') AS g(isp_start)
      CROSS JOIN LATERAL (
        SELECT extract(epoch FROM least(i.t1, g.isp_start + interval '15 minutes') - greatest(i.t0, g.isp_start))
             / extract(epoch FROM i.t1 - i.t0) AS f
      ) share
     WHERE i.first_isp <> i.last_isp
  ),
  chosen_baselines AS (
    SELECT DISTINCT ON (br.session_id) br.session_id, br.id
      FROM baseline_records br
     WHERE br.session_id IN (SELECT session_id FROM members) AND br.known_at <= $3::timestamptz
     ORDER BY br.session_id, br.known_at DESC, br.method_version DESC, br.id
  ),
  baseline AS (
    SELECT cb.session_id, bi.isp_start, (bi.energy_kwh * 1000000)::bigint AS energy_kwh
      FROM chosen_baselines cb
      JOIN baseline_record_isps bi ON bi.baseline_record_id = cb.id
     WHERE bi.isp_start >= $2::timestamptz AND bi.isp_start < $3::timestamptz
  ),
  without_meter AS (
    SELECT m.session_id FROM members m WHERE NOT EXISTS (SELECT 1 FROM intervals i WHERE i.session_id = m.session_id)
  ),
  -- One pass over meter pieces, profiles and baselines: a session-ISP's basis is its weakest
  -- piece; an ISP with a baseline but no meter piece is 'estimated' (rank 1).
  session_isp AS (
    SELECT session_id, isp_start, sum(charged)::bigint AS charged, sum(discharged)::bigint AS discharged, sum(baseline)::bigint AS baseline,
           coalesce(max(basis_rank), 1) AS basis_rank
      FROM (
        SELECT session_id, isp_start, charged, discharged, 0::bigint AS baseline, basis_rank FROM pieces
         WHERE isp_start >= $2::timestamptz AND isp_start < $3::timestamptz
        UNION ALL
        SELECT b.session_id, b.isp_start, b.energy_kwh, 0::bigint, 0::bigint, 2 FROM baseline b JOIN without_meter w USING (session_id)
        UNION ALL
        SELECT session_id, isp_start, 0::bigint, 0::bigint, energy_kwh, NULL FROM baseline
      ) rows
     GROUP BY session_id, isp_start
  )`;
const MEMBERS_AND_ROWS = membersAndRows();

const BASES = `(ARRAY['measured', 'estimated', 'profile'])`;

const INSERT_ISP = `
  INSERT INTO settlement_meter_isp
    (portfolio_id, fleet_id, isp_start, charged_kwh, discharged_kwh, baseline_kwh, sessions_measured, sessions_estimated, sessions_profile, basis)
  SELECT $1, m.fleet_id, r.isp_start,
         sum(r.charged) / 1000000.0, sum(r.discharged) / 1000000.0, sum(r.baseline) / 1000000.0,
         count(*) FILTER (WHERE r.basis_rank = 0), count(*) FILTER (WHERE r.basis_rank = 1), count(*) FILTER (WHERE r.basis_rank = 2),
         ${BASES}[max(r.basis_rank) + 1]
    FROM session_isp r JOIN members m USING (session_id)
   GROUP BY m.fleet_id, r.isp_start`;

const INSERT_SESSIONS = `
  INSERT INTO settlement_meter_sessions
    (portfolio_id, session_id, period_start, period_end, fleet_id, charged_kwh, discharged_kwh, baseline_kwh, shifted_kwh, plugged_in_hours, basis)
  SELECT $1, p.session_id, $2::timestamptz, $3::timestamptz, m.fleet_id,
         p.charged / 1000000.0, p.discharged / 1000000.0, p.baseline / 1000000.0, round(p.twice_shifted / 2000000.0, 6),
         round(greatest(0, extract(epoch FROM least(coalesce(m.departure_at, $3::timestamptz), $3::timestamptz) - greatest(m.arrival_at, $2::timestamptz))) / 3600, 6),
         ${BASES}[p.basis_rank + 1]
    FROM per_session p JOIN members m USING (session_id)`;

/** Writes `settlement_meter_isp` for the portfolio and period (after its rows were deleted): the ISP-close run. */
export const AGGREGATE_METER_ISP_SQL = `WITH ${MEMBERS_AND_ROWS} ${INSERT_ISP}`;

/**
 * Writes `settlement_meter_isp` and `settlement_meter_sessions` for the portfolio and period in
 * one statement (after their rows were deleted): the delivery-day run. One statement, so the
 * 9.6 M session-ISP rows are computed once for both.
 */
export const AGGREGATE_METER_DAY_SQL = `
  WITH ${MEMBERS_AND_ROWS},
  per_session AS (
    SELECT session_id, sum(charged) AS charged, sum(discharged) AS discharged, sum(baseline) AS baseline,
           sum(abs(charged - discharged - baseline)) AS twice_shifted, max(basis_rank) AS basis_rank
      FROM session_isp GROUP BY session_id
  ),
  isp_rows AS (${INSERT_ISP} RETURNING 1)
  ${INSERT_SESSIONS}`;

/**
 * The same energy per fleet and ISP, read (not stored) for the sessions at some of the portfolio's
 * sites only: what a congestion order's location delivered. Parameters as above plus $4, the site
 * ids (uuid[]). Rows: fleet_id, isp_start, charged_kwh, discharged_kwh, baseline_kwh (text), basis.
 */
export const LOCATED_METER_SQL = `
  WITH ${membersAndRows('AND ps.site_id = ANY($4::uuid[])')}
  SELECT m.fleet_id, r.isp_start,
         (sum(r.charged) / 1000000.0)::text AS charged_kwh, (sum(r.discharged) / 1000000.0)::text AS discharged_kwh,
         (sum(r.baseline) / 1000000.0)::text AS baseline_kwh, ${BASES}[max(r.basis_rank) + 1] AS basis
    FROM session_isp r JOIN members m USING (session_id)
   GROUP BY m.fleet_id, r.isp_start
   ORDER BY m.fleet_id, r.isp_start`;
