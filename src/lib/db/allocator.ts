// DuckDB's allocator (the jemalloc built into libduckdb) reads its options from the environment
// once, when the library loads: duckdb.ts imports this module before @duckdb/node-api for that.
//
// DuckDB builds it to hand memory freed back to the system after a second (dirty_decay_ms:1000).
// A mart rebuild frees a family's hash tables and sorts and allocates the next family's a moment
// later: each time the system zeroed and mapped those pages again. Kept for ten seconds instead,
// they are reused; past ten seconds they go back as before (jemalloc purges them at its next
// allocation or free, as it did after one second). A full rebuild at scale 250 on one machine,
// five alternating pairs, sys CPU: 6.7 / 6.2 / 6.6 / 7.0 / 7.8 s by default, 5.0 / 5.6 / 5.4 /
// 5.2 / 5.3 s with these options (queries/marts/README.md).
//
// An operator's own DUCKDB_JE_MALLOC_CONF wins. UA_ALLOCATOR_STATS=1 has the allocator print its
// options and statistics when the process exits (to see that they took).

/** jemalloc's options for DuckDB's allocator, as DUCKDB_JE_MALLOC_CONF takes them. */
export const DUCKDB_ALLOCATOR_CONF = 'dirty_decay_ms:10000,muzzy_decay_ms:10000';

process.env.DUCKDB_JE_MALLOC_CONF ??= DUCKDB_ALLOCATOR_CONF + (process.env.UA_ALLOCATOR_STATS === '1' ? ',stats_print:true' : '');
