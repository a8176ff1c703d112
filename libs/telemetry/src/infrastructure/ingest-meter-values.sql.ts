/**
 * The set-wise ingest of one staged batch: classify, deduplicate, check register steps against
 * stored neighbours, then write accepted rows and quarantined rows in one statement.
 *
 * - The EVSE limit for `power_above_limit` is the caller's `evseMaxPowerKw`, else the EVSE of the
 *   session in the fleet model (sessions.evse_id -> evses.max_power_kw), looked up once per batch
 *   for the distinct sessions that came without one (`fleet_limits`), not per row. A session the
 *   fleet model does not know yet (telemetry may come first) is checked without a limit.
 *
 * Parameters: $1 now (timestamptz), $2 clock skew (s), $3 retention cut-off (timestamptz),
 * $4 power limit margin (percent), $5 neighbour window (h).
 *
 * - Decimal text is checked by pattern before any cast, so a malformed number is quarantined
 *   instead of failing the statement; integer digits are capped one below the column so that
 *   rounding cannot overflow it. The patterns run in JS at staging (`malformed_number` column,
 *   see validate-meter-value-batch.ts): a regex costs PostgreSQL about 1 µs per call, four per
 *   row. Casting to the column type is the one rounding point: power to
 *   1 W, register to 1 mWh, SoC to 0.01 % (half away from zero, PostgreSQL numeric).
 * - A register step is negative when a value is below the nearest earlier value (stored or in
 *   the batch) or above the nearest later *stored* value of the session: late and out-of-order
 *   values are accepted when they fit between their stored neighbours. Neighbours are looked
 *   for within the window around the batch's own span per session (one index probe per session
 *   and partition, not per row), and only for sessions whose stored span (`meter_value_session_state`,
 *   kept here in the same statement) overlaps the batch's: a new session has none, and a batch
 *   that starts after everything stored needs only the session's latest value.
 * - `power_source` / `energy_source` (measured, or derived by the adapter: see MeterValueInput)
 *   travel with the row into `meter_values` and into the quarantine.
 * - Keys already stored, or repeated in the batch (first one wins), are duplicates: skipped.
 *   `fresh` already leaves out every key visible to the statement, so the insert can only
 *   conflict with a row a concurrent transaction commits meanwhile. `onConflict: 'fail'` omits
 *   ON CONFLICT (speculative insertion costs about 40 % more per row) and lets such a race fail
 *   with a unique violation on pk_meter_values; the caller then retries the batch with `'skip'`.
 */
export function ingestStagedSql(onConflict: 'skip' | 'fail'): string {
  return `
WITH fleet_limits AS MATERIALIZED (
  SELECT k.session_id, e.max_power_kw::text AS max_power_kw
  FROM (SELECT DISTINCT session_id FROM telemetry_staging WHERE evse_max_power_kw IS NULL) k
  JOIN sessions fs ON fs.id = k.session_id
  JOIN evses e ON e.id = fs.evse_id
),
classified AS MATERIALIZED (
  SELECT s.ord, s.session_id, s.measured_at, s.source, s.power_source, s.energy_source,
         s.power_kw AS power_raw, s.energy_register_kwh AS energy_raw, s.soc_pct AS soc_raw,
         coalesce(s.evse_max_power_kw, fl.max_power_kw) AS limit_raw,
         CASE
           WHEN s.malformed_number THEN 'malformed_number'
           WHEN s.measured_at > $1::timestamptz + make_interval(secs => $2::integer) THEN 'future_timestamp'
           WHEN s.measured_at < $3::timestamptz THEN 'older_than_retention'
           WHEN s.soc_pct IS NOT NULL AND round(s.soc_pct::numeric, 2) NOT BETWEEN 0 AND 100 THEN 'soc_out_of_range'
           WHEN coalesce(s.evse_max_power_kw, fl.max_power_kw) IS NOT NULL
             AND abs(round(s.power_kw::numeric, 3)) > coalesce(s.evse_max_power_kw, fl.max_power_kw)::numeric * (100 + $4::integer) / 100 THEN 'power_above_limit'
         END AS reason
  FROM telemetry_staging s
  LEFT JOIN fleet_limits fl ON fl.session_id = s.session_id
),
valid AS MATERIALIZED (
  SELECT DISTINCT ON (session_id, measured_at)
         ord, session_id, measured_at, source, power_source, energy_source,
         power_raw::numeric(14,3) AS power_kw, energy_raw::numeric(19,6) AS energy_register_kwh, soc_raw::numeric(5,2) AS soc_pct
  FROM classified
  WHERE reason IS NULL
  ORDER BY session_id, measured_at, ord
),
-- Which stored neighbours a session can have in the window, from its state row: none (new
-- session, or stored span outside the window), only its latest value (the batch starts after
-- everything stored: in-order live data), or any (out of order: probe the partitions).
bounds AS MATERIALIZED (
  SELECT b.session_id, b.first_at, b.last_at, st.last_measured_at, st.last_energy_register_kwh,
         CASE
           WHEN st.session_id IS NULL
             OR st.last_measured_at < b.first_at - make_interval(hours => $5::integer)
             OR st.first_measured_at > b.last_at + make_interval(hours => $5::integer) THEN 'none'
           WHEN st.last_measured_at < b.first_at THEN 'latest'
           ELSE 'probe'
         END AS neighbours
  FROM (SELECT session_id, min(measured_at) AS first_at, max(measured_at) AS last_at FROM valid GROUP BY session_id) b
  LEFT JOIN meter_value_session_state st ON st.session_id = b.session_id
),
stored AS MATERIALIZED (
  SELECT b.session_id, b.last_measured_at AS measured_at, b.last_energy_register_kwh AS energy_register_kwh
  FROM bounds b
  WHERE b.neighbours = 'latest'
  UNION ALL
  SELECT m.session_id, m.measured_at, m.energy_register_kwh
  FROM bounds b
  CROSS JOIN LATERAL (
    SELECT mv.session_id, mv.measured_at, mv.energy_register_kwh
    FROM meter_values mv
    WHERE mv.session_id = b.session_id
      AND mv.measured_at >= b.first_at - make_interval(hours => $5::integer)
      AND mv.measured_at <= b.last_at + make_interval(hours => $5::integer)
    -- OFFSET 0 keeps this a per-session index probe; flattened, it becomes a scan of every partition.
    OFFSET 0
  ) m
  WHERE b.neighbours = 'probe'
),
fresh AS MATERIALIZED (
  SELECT v.* FROM valid v
  WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.session_id = v.session_id AND s.measured_at = v.measured_at)
),
-- Sessions without stored neighbours (new sessions: most of a bulk load) need only the in-batch
-- step, one window; the others get the full check against their stored neighbours.
steps AS MATERIALIZED (
  SELECT f.ord, f.session_id, f.measured_at, f.power_kw, f.energy_register_kwh, f.soc_pct, f.source, f.power_source, f.energy_source,
         coalesce(f.energy_register_kwh < lag(f.energy_register_kwh) OVER (PARTITION BY f.session_id ORDER BY f.measured_at), false) AS negative_step
  FROM fresh f
  WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.session_id = f.session_id)
  UNION ALL
  SELECT t.ord, t.session_id, t.measured_at, t.power_kw, t.energy_register_kwh, t.soc_pct, t.source, t.power_source, t.energy_source,
         coalesce(t.energy_register_kwh < lag(t.energy_register_kwh) OVER earlier, false)
      -- Walking backwards keeps the frame start fixed, so the running min is incremental (not O(n^2)).
      OR coalesce(t.energy_register_kwh > min(CASE WHEN t.ord IS NULL THEN t.energy_register_kwh END) OVER later, false) AS negative_step
  FROM (
    SELECT f.ord, f.session_id, f.measured_at, f.power_kw, f.energy_register_kwh, f.soc_pct, f.source, f.power_source, f.energy_source
    FROM fresh f
    WHERE EXISTS (SELECT 1 FROM stored s WHERE s.session_id = f.session_id)
    UNION ALL
    SELECT NULL::integer, session_id, measured_at, NULL::numeric, energy_register_kwh, NULL::numeric, NULL::text, NULL::text, NULL::text FROM stored
  ) t
  WINDOW earlier AS (PARTITION BY t.session_id ORDER BY t.measured_at),
         later AS (PARTITION BY t.session_id ORDER BY t.measured_at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
inserted AS (
  INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, soc_pct, source, power_source, energy_source)
  SELECT st.session_id, st.measured_at, st.power_kw, st.energy_register_kwh, st.soc_pct, st.source, st.power_source, st.energy_source
  FROM steps st
  WHERE st.ord IS NOT NULL AND NOT st.negative_step
  ${onConflict === 'skip' ? 'ON CONFLICT ON CONSTRAINT pk_meter_values DO NOTHING' : ''}
  RETURNING session_id, measured_at, energy_register_kwh
),
session_state AS (
  INSERT INTO meter_value_session_state AS st (session_id, first_measured_at, last_measured_at, last_energy_register_kwh)
  SELECT session_id, min(measured_at), max(measured_at), (array_agg(energy_register_kwh ORDER BY measured_at DESC))[1]
  FROM inserted
  GROUP BY session_id
  -- One lock order for every batch, so concurrent batches sharing sessions queue, not deadlock.
  ORDER BY session_id
  ON CONFLICT ON CONSTRAINT pk_meter_value_session_state DO UPDATE SET
    first_measured_at = least(st.first_measured_at, excluded.first_measured_at),
    last_measured_at = greatest(st.last_measured_at, excluded.last_measured_at),
    last_energy_register_kwh = CASE WHEN excluded.last_measured_at > st.last_measured_at
                                    THEN excluded.last_energy_register_kwh ELSE st.last_energy_register_kwh END
  RETURNING 1
),
rejected AS MATERIALIZED (
  SELECT ord, reason FROM classified WHERE reason IS NOT NULL
  UNION ALL
  SELECT ord, 'negative_energy_step' FROM steps WHERE negative_step AND ord IS NOT NULL
),
quarantined AS (
  INSERT INTO meter_value_quarantine
    (session_id, measured_at, power_kw_raw, energy_register_kwh_raw, soc_pct_raw, evse_max_power_kw_raw, source, reason, power_source, energy_source)
  SELECT c.session_id, c.measured_at, coalesce(c.power_raw, ''), coalesce(c.energy_raw, ''), c.soc_raw, c.limit_raw, c.source, r.reason, c.power_source, c.energy_source
  FROM rejected r JOIN classified c ON c.ord = r.ord
  ON CONFLICT ON CONSTRAINT uq_meter_value_quarantine_key DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::integer AS inserted,
       (SELECT count(*) FROM session_state)::integer AS sessions_updated,
       (SELECT count(*) FROM quarantined)::integer AS quarantine_rows_written,
       (SELECT coalesce(json_object_agg(reason, n), '{}'::json)
          FROM (SELECT reason, count(*)::integer AS n FROM rejected GROUP BY reason) counts) AS quarantined`
}
