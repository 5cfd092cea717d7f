/**
 * Whether a caller may do what it asks: {@link dev.dfs.authz.Authorizer} combines bucket ownership,
 * bucket policies, identity policies, ACL grants and Block Public Access, given as sources, on
 * plain {@link dev.dfs.authz.AccessRequest} values. Knows no policy language and no HTTP.
 */
package dev.dfs.authz;
