-- tweet_stat for ${run_date}: one row per tracked show, zeros included (DESIGN §5).
-- Shared by Spark and DuckDB: only the portable subset of DESIGN §6. The engine binds
--   post_hashtags(id BIGINT, date DATE, hashtag STRING)     one row per hashtag key of a post
--   post_words(id BIGINT, date DATE, text_key STRING, word STRING)   one row per word of a post's text key
--   show_keys(id BIGINT, key_kind STRING, key STRING, token STRING)   from C# MatchKeys
-- A post is counted once per show (count DISTINCT id), however often it was delivered.
WITH text_hits AS (
    -- Candidates by equality on one word (the show's token), verified by instr on the whole key:
    -- the same result as testing every post against every show, without the cross product.
    SELECT k.id AS show_id, w.id AS post_id
    FROM post_words w
    JOIN show_keys k ON k.token = w.word
    WHERE w.date = CAST('${run_date}' AS DATE)
        AND k.key_kind = 'text'
        AND instr(w.text_key, k.key) > 0
),
hashtag_hits AS (
    SELECT k.id AS show_id, h.id AS post_id
    FROM post_hashtags h
    JOIN show_keys k ON k.key = h.hashtag
    WHERE h.date = CAST('${run_date}' AS DATE) AND k.key_kind = 'hashtag'
),
hits AS (
    SELECT show_id, post_id, 1 AS by_hashtag, 0 AS by_text FROM hashtag_hits
    UNION ALL
    SELECT show_id, post_id, 0 AS by_hashtag, 1 AS by_text FROM text_hits
),
show_counts AS (
    SELECT show_id,
        count(DISTINCT CASE WHEN by_hashtag = 1 THEN post_id END) AS hashtag_count,
        count(DISTINCT CASE WHEN by_text = 1 THEN post_id END) AS text_count,
        count(DISTINCT post_id) AS tweet_count
    FROM hits
    GROUP BY show_id
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
LEFT JOIN show_counts c ON c.show_id = s.id
