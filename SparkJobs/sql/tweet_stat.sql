-- tweet_stat for ${run_date}: one row per tracked show, zeros included; posts of every source.
-- Shared by Spark and DuckDB: only the portable subset both engines evaluate alike. The engine binds
--   post_stat(id BIGINT, date DATE, source STRING, hashtag_count BIGINT, text_count BIGINT, post_count BIGINT)
--       the same job's result of sql/post_stat.sql (one row per show and source with posts that date)
--   show_keys(id BIGINT, key_kind STRING, key STRING, token STRING)   from C# MatchKeys
-- Each count is the sum over sources of post_stat's, so for every show the two tables agree by construction
-- (a post is one source's: an X id and a Bluesky id are different posts even if the numbers met).
WITH source_sums AS (
    SELECT id AS show_id,
        sum(hashtag_count) AS hashtag_count,
        sum(text_count) AS text_count,
        sum(post_count) AS tweet_count
    FROM post_stat
    GROUP BY id
),
shows AS (
    SELECT id
    FROM show_keys
    GROUP BY id
)
SELECT
    CAST(s.id AS BIGINT) AS id,
    CAST('${run_date}' AS DATE) AS date,
    CAST(coalesce(c.hashtag_count, 0) AS BIGINT) AS hashtag_count,
    CAST(coalesce(c.text_count, 0) AS BIGINT) AS text_count,
    CAST(coalesce(c.tweet_count, 0) AS BIGINT) AS tweet_count
FROM shows s
LEFT JOIN source_sums c ON c.show_id = s.id
