/**
 * Server configuration: typed keys with defaults and validation, read from the environment and
 * command-line options into one immutable configuration.
 */
package dev.dfs.server.config;
