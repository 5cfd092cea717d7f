/**
 * The storage engine contract: {@link dev.dfs.store.ObjectStore} and the immutable values and
 * requests it takes and returns, and the optional capability views an engine may offer ({@link
 * dev.dfs.store.Versioning}, {@link dev.dfs.store.BucketConfig}, {@link
 * dev.dfs.store.MetadataUpdates}). Engines live below: {@code store.local} (embedded RocksDB and
 * chunk files) and {@code store.gateway} (an upstream S3). Knows no HTTP, auth or protocol.
 */
package dev.dfs.store;
