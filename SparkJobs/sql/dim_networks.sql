-- networks dimension: the networks of every show's latest snapshot (docs/data-dictionary.md).
-- Shared by Spark and DuckDB: only the portable SQL subset (docs/architecture.md). The engine binds
--   tmdb_shows(id BIGINT, query_datetime STRING, ...)
--   tmdb_show_networks(id BIGINT, query_datetime STRING, network_id INT, network_name STRING, origin_country STRING)
WITH ranked AS (
    SELECT id, query_datetime,
        row_number() OVER (PARTITION BY id ORDER BY query_datetime DESC) AS snapshot_rank
    FROM tmdb_shows
),
latest_networks AS (
    SELECT n.network_id, n.network_name, n.origin_country
    FROM tmdb_show_networks n
    JOIN ranked r ON r.id = n.id AND r.query_datetime = n.query_datetime
    WHERE r.snapshot_rank = 1
),
named AS (
    SELECT network_id, network_name, origin_country,
        row_number() OVER (PARTITION BY network_id ORDER BY network_name, origin_country) AS name_rank
    FROM latest_networks
)
SELECT
    CAST(network_id AS INT) AS id,
    network_name AS name,
    coalesce(origin_country, '') AS origin_country
FROM named
WHERE name_rank = 1
