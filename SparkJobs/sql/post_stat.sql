-- post_stat for ${run_date}: one row per tracked show and per source that has posts dated ${run_date}, zeros included.
-- Shared by Spark and DuckDB: only the portable subset both engines evaluate alike. The engine binds
--   posts(id BIGINT, date DATE, source STRING)                           one row per post line read
--   post_hashtags(id BIGINT, date DATE, source STRING, hashtag STRING)   one row per hashtag key of a post
--   post_words(id BIGINT, date DATE, source STRING, text_key STRING, word STRING)   one row per word of a post's text key
--   show_keys(id BIGINT, key_kind STRING, key STRING, token STRING)      from C# MatchKeys
-- source is the lake prefix the post was read from (tweets/ is x, bluesky_posts/ is bluesky).
-- A post is counted once per show and source (count DISTINCT id), however often it was delivered.
-- tweet_stat is computed from this result (sql/tweet_stat.sql), so its counts are the sums over sources.
WITH text_hits AS (
    -- Candidates by equality on one word (the show's token), verified by instr on the whole key:
    -- the same result as testing every post against every show, without the cross product.
    SELECT k.id AS show_id, w.source, w.id AS post_id
    FROM post_words w
    JOIN show_keys k ON k.token = w.word
    WHERE w.date = CAST('${run_date}' AS DATE)
        AND k.key_kind = 'text'
        AND instr(w.text_key, k.key) > 0
),
hashtag_hits AS (
    SELECT k.id AS show_id, h.source, h.id AS post_id
    FROM post_hashtags h
    JOIN show_keys k ON k.key = h.hashtag
    WHERE h.date = CAST('${run_date}' AS DATE) AND k.key_kind = 'hashtag'
),
hits AS (
    SELECT show_id, source, post_id, 1 AS by_hashtag, 0 AS by_text FROM hashtag_hits
    UNION ALL
    SELECT show_id, source, post_id, 0 AS by_hashtag, 1 AS by_text FROM text_hits
),
show_counts AS (
    SELECT show_id, source,
        count(DISTINCT CASE WHEN by_hashtag = 1 THEN post_id END) AS hashtag_count,
        count(DISTINCT CASE WHEN by_text = 1 THEN post_id END) AS text_count,
        count(DISTINCT post_id) AS post_count
    FROM hits
    GROUP BY show_id, source
),
shows AS (
    SELECT id
    FROM show_keys
    GROUP BY id
),
sources AS (
    SELECT source
    FROM posts
    WHERE date = CAST('${run_date}' AS DATE)
    GROUP BY source
)
SELECT
    CAST(s.id AS BIGINT) AS id,
    CAST('${run_date}' AS DATE) AS date,
    CAST(o.source AS STRING) AS source,
    CAST(coalesce(c.hashtag_count, 0) AS BIGINT) AS hashtag_count,
    CAST(coalesce(c.text_count, 0) AS BIGINT) AS text_count,
    CAST(coalesce(c.post_count, 0) AS BIGINT) AS post_count
FROM shows s
JOIN sources o ON 1 = 1
LEFT JOIN show_counts c ON c.show_id = s.id AND c.source = o.source
