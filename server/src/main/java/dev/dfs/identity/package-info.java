/**
 * Users, access keys and management API keys, kept in an encrypted RocksDB database
 * ({@link dev.dfs.identity.RocksIdentityStore}) and served to auth as a credential store.
 * Sits beside auth, below the protocols.
 */
package dev.dfs.identity;
