/**
 * Encryption at rest: the master key, per-object data keys, and the block layout (64 KiB
 * AES-256-GCM blocks) with streams that encrypt and decrypt it, also by range. JDK only; every
 * layer may use it.
 */
package dev.dfs.crypto;
