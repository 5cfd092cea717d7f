/**
 * Users, access keys and management API keys ({@link dev.dfs.identity.TableIdentityStore}), kept in
 * a {@link dev.dfs.util.SystemTable}: the node's own encrypted RocksDB ({@link
 * dev.dfs.identity.RocksTable}, local and gateway engines), or, in a cluster, a system table in the
 * replicated metadata. Served to auth as a credential store. Sits beside auth, below the protocols.
 */
package dev.dfs.identity;
