/**
 * The bottom layer: small helpers every other layer may use (hex, checksum algorithms, request ids,
 * body errors, the one single-byte read). Depends on nothing of DFS.
 */
package dev.dfs.util;
