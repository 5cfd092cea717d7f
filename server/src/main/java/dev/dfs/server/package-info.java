/**
 * Wiring of the running server: {@link dev.dfs.server.DfsServer} builds Jetty (listeners, TLS,
 * error pages), the store, auth and the S3 and management handlers, and stops them in order. The
 * only layer besides cli that sees everything.
 */
package dev.dfs.server;
