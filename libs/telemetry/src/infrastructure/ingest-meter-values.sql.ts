/**
 * The set-wise ingest of one staged batch: classify, deduplicate, check register steps against
 * stored neighbours, then write accepted rows and quarantined rows in one statement.
 *
 * Parameters: $1 now (timestamptz), $2 clock skew (s), $3 retention cut-off (timestamptz),
 * $4 power limit margin (percent), $5 neighbour window (h).
 *
 * - Decimal text is checked by pattern before any cast, so a malformed number is quarantined
 *   instead of failing the statement; integer digits are capped one below the column so that
 *   rounding cannot overflow it. Casting to the column type is the one rounding point: power to
 *   1 W, register to 1 mWh, SoC to 0.01 % (half away from zero, PostgreSQL numeric).
 * - A register step is negative when a value is below the nearest earlier value (stored or in
 *   the batch) or above the nearest later *stored* value of the session: late and out-of-order
 *   values are accepted when they fit between their stored neighbours. Neighbours are looked
 *   for within the window around the batch's own span per session (one index probe per session
 *   and partition, not per row).
 * - Keys already stored, or repeated in the batch (first one wins), are duplicates: skipped.
 */
export const INGEST_STAGED_SQL = `
WITH classified AS MATERIALIZED (
  SELECT s.ord, s.session_id, s.measured_at, s.source,
         s.power_kw AS power_raw, s.energy_register_kwh AS energy_raw, s.soc_pct AS soc_raw, s.evse_max_power_kw AS limit_raw,
         CASE
           WHEN s.power_kw !~ '^-?[0-9]{1,10}(\\.[0-9]{1,20})?$'
             OR s.energy_register_kwh !~ '^[0-9]{1,12}(\\.[0-9]{1,20})?$'
             OR s.soc_pct !~ '^-?[0-9]{1,6}(\\.[0-9]{1,20})?$'
             OR s.evse_max_power_kw !~ '^[0-9]{1,10}(\\.[0-9]{1,20})?$' THEN 'malformed_number'
           WHEN s.measured_at > $1::timestamptz + make_interval(secs => $2::integer) THEN 'future_timestamp'
           WHEN s.measured_at < $3::timestamptz THEN 'older_than_retention'
           WHEN s.soc_pct IS NOT NULL AND round(s.soc_pct::numeric, 2) NOT BETWEEN 0 AND 100 THEN 'soc_out_of_range'
           WHEN s.evse_max_power_kw IS NOT NULL
             AND abs(round(s.power_kw::numeric, 3)) > s.evse_max_power_kw::numeric * (100 + $4::integer) / 100 THEN 'power_above_limit'
         END AS reason
  FROM telemetry_staging s
),
valid AS MATERIALIZED (
  SELECT DISTINCT ON (session_id, measured_at)
         ord, session_id, measured_at, source,
         power_raw::numeric(14,3) AS power_kw, energy_raw::numeric(19,6) AS energy_register_kwh, soc_raw::numeric(5,2) AS soc_pct
  FROM classified
  WHERE reason IS NULL
  ORDER BY session_id, measured_at, ord
),
bounds AS (
  SELECT session_id, min(measured_at) AS first_at, max(measured_at) AS last_at FROM valid GROUP BY session_id
),
stored AS MATERIALIZED (
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
),
fresh AS MATERIALIZED (
  SELECT v.* FROM valid v
  WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.session_id = v.session_id AND s.measured_at = v.measured_at)
),
steps AS MATERIALIZED (
  SELECT t.ord,
         coalesce(t.energy_register_kwh < lag(t.energy_register_kwh) OVER earlier, false)
      -- Walking backwards keeps the frame start fixed, so the running min is incremental (not O(n^2)).
      OR coalesce(t.energy_register_kwh > min(CASE WHEN t.ord IS NULL THEN t.energy_register_kwh END) OVER later, false) AS negative_step
  FROM (
    SELECT session_id, measured_at, energy_register_kwh, ord FROM fresh
    UNION ALL
    SELECT session_id, measured_at, energy_register_kwh, NULL::integer FROM stored
  ) t
  WINDOW earlier AS (PARTITION BY t.session_id ORDER BY t.measured_at),
         later AS (PARTITION BY t.session_id ORDER BY t.measured_at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
inserted AS (
  INSERT INTO meter_values (session_id, measured_at, power_kw, energy_register_kwh, soc_pct, source)
  SELECT f.session_id, f.measured_at, f.power_kw, f.energy_register_kwh, f.soc_pct, f.source
  FROM fresh f JOIN steps st ON st.ord = f.ord
  WHERE NOT st.negative_step
  ON CONFLICT ON CONSTRAINT pk_meter_values DO NOTHING
  RETURNING 1
),
rejected AS MATERIALIZED (
  SELECT ord, reason FROM classified WHERE reason IS NOT NULL
  UNION ALL
  SELECT ord, 'negative_energy_step' FROM steps WHERE negative_step AND ord IS NOT NULL
),
quarantined AS (
  INSERT INTO meter_value_quarantine
    (session_id, measured_at, power_kw_raw, energy_register_kwh_raw, soc_pct_raw, evse_max_power_kw_raw, source, reason)
  SELECT c.session_id, c.measured_at, coalesce(c.power_raw, ''), coalesce(c.energy_raw, ''), c.soc_raw, c.limit_raw, c.source, r.reason
  FROM rejected r JOIN classified c ON c.ord = r.ord
  ON CONFLICT ON CONSTRAINT uq_meter_value_quarantine_key DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::integer AS inserted,
       (SELECT count(*) FROM quarantined)::integer AS quarantine_rows_written,
       (SELECT coalesce(json_object_agg(reason, n), '{}'::json)
          FROM (SELECT reason, count(*)::integer AS n FROM rejected GROUP BY reason) counts) AS quarantined`;
