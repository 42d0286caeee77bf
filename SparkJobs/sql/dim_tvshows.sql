-- tvshows dimension: each show as of its latest snapshot (docs/data-dictionary.md).
-- Shared by Spark and DuckDB: only the portable SQL subset (docs/architecture.md). The engine binds
--   tmdb_shows(id BIGINT, query_datetime STRING, name STRING, original_name STRING,
--              original_language STRING, genres_id STRING, networks_id STRING)
-- genres_id and networks_id arrive formatted as '[18, 10765]' (formatting arrays is engine-bound).
WITH ranked AS (
    SELECT id, name, original_name, original_language, genres_id, networks_id,
        row_number() OVER (PARTITION BY id ORDER BY query_datetime DESC) AS snapshot_rank
    FROM tmdb_shows
)
SELECT
    CAST(id AS BIGINT) AS id,
    name,
    original_name,
    original_language,
    genres_id,
    networks_id
FROM ranked
WHERE snapshot_rank = 1
