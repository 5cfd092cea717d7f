/**
 * The IAM policy language: parsing bucket and identity policies, matching statements (principals,
 * actions, resources, conditions) and evaluating them to allow, deny or no decision. Pure; only
 * {@link dev.dfs.policy.BucketPolicies} reads documents from the store.
 */
package dev.dfs.policy;
