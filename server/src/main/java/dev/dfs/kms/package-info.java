/**
 * DFS's built-in key service for SSE-KMS ({@link dev.dfs.kms.KeyService}): named keys whose
 * material is kept sealed by the master key in the identity store's {@link
 * dev.dfs.util.SystemTable} (so a cluster replicates them with its users), with AWS-style ids, ARNs
 * and aliases, enabled/disabled states and rotation. Sits beside identity, below the protocols: it
 * knows no HTTP, no object store and no S3 error codes.
 */
package dev.dfs.kms;
