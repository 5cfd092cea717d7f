/**
 * {@code dfs bench}: an S3 load generator on the AWS SDK that reports ops/s, MB/s and latency
 * percentiles per operation, and compares runs. A client of any S3 endpoint; it imports only util
 * of DFS.
 */
package dev.dfs.bench;
