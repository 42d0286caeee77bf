-- tmdb_stat for ${run_date}: each show's figures from the date's latest snapshot (docs/data-dictionary.md).
-- Shared by Spark and DuckDB: only the portable SQL subset (docs/architecture.md). The engine binds
--   tmdb_snapshots(id BIGINT, query_datetime STRING, number_of_seasons BIGINT,
--                  number_of_episodes BIGINT, vote_count BIGINT, vote_average DOUBLE, popularity DOUBLE)
-- query_datetime is 'YYYY-MM-DD HH:MM:SS' (UTC), so its text order is its time order.
WITH ranked AS (
    SELECT id, number_of_seasons, number_of_episodes, vote_count, vote_average, popularity,
        row_number() OVER (PARTITION BY id ORDER BY query_datetime DESC) AS snapshot_rank
    FROM tmdb_snapshots
)
SELECT
    CAST(id AS BIGINT) AS id,
    CAST('${run_date}' AS DATE) AS date,
    CAST(number_of_seasons AS BIGINT) AS number_of_seasons,
    CAST(number_of_episodes AS BIGINT) AS number_of_episodes,
    CAST(vote_count AS BIGINT) AS vote_count,
    CAST(vote_average AS DOUBLE) AS vote_average,
    CAST(popularity AS DOUBLE) AS popularity
FROM ranked
WHERE snapshot_rank = 1
