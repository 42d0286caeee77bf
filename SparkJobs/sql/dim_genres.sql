-- genres dimension: the genres of every show's latest snapshot (docs/data-dictionary.md).
-- Shared by Spark and DuckDB: only the portable SQL subset (docs/architecture.md). The engine binds
--   tmdb_shows(id BIGINT, query_datetime STRING, ...)
--   tmdb_show_genres(id BIGINT, query_datetime STRING, genre_id INT, genre_name STRING)
WITH ranked AS (
    SELECT id, query_datetime,
        row_number() OVER (PARTITION BY id ORDER BY query_datetime DESC) AS snapshot_rank
    FROM tmdb_shows
),
latest_genres AS (
    SELECT g.genre_id, g.genre_name
    FROM tmdb_show_genres g
    JOIN ranked r ON r.id = g.id AND r.query_datetime = g.query_datetime
    WHERE r.snapshot_rank = 1
),
named AS (
    SELECT genre_id, genre_name,
        row_number() OVER (PARTITION BY genre_id ORDER BY genre_name) AS name_rank
    FROM latest_genres
)
SELECT
    CAST(genre_id AS INT) AS id,
    genre_name AS name
FROM named
WHERE name_rank = 1
