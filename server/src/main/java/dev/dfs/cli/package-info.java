/**
 * The {@code dfs} command line (picocli): {@code dfs server}, {@code dfs admin} (over the
 * management API, or offline on the identity database) and {@code dfs bench}.
 */
package dev.dfs.cli;
