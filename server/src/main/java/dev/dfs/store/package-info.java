/**
 * The storage engine contract: {@link dev.dfs.store.ObjectStore} and the immutable values and
 * requests it takes and returns. Engines live below: {@code store.local} (embedded RocksDB and
 * chunk files) and {@code store.gateway} (an upstream S3). Knows no HTTP, auth or protocol.
 */
package dev.dfs.store;
