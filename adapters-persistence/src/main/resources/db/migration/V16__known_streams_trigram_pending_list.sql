-- Where every broadcast has a stream id of its own, every session brings a new known stream, and its trigram
-- entries written one by one into the GIN tree were a fifth of a group's statement time and a quarter of its WAL.
-- Kept in a pending list that the insert filling it merges in bulk, the insert takes less than half as long
-- (ADR 8, amendment). A search reads the pending list whole, so it stays small: 64 kB, not the default 4 MB, which
-- with autovacuum off would only be merged when it is full.
ALTER INDEX known_stream_trgm_idx SET (fastupdate = on, gin_pending_list_limit = 64);
