/**
 * A linearizability checker for recorded histories (test code): {@link
 * dev.dfs.testing.linearizability.History} records operations with their invocation and completion
 * times and outcomes, {@link dev.dfs.testing.linearizability.LinearizabilityChecker} decides per
 * key whether some order of them, consistent with real time, is legal in a {@link
 * dev.dfs.testing.linearizability.Model} (here {@link
 * dev.dfs.testing.linearizability.RegisterModel}: an S3 object as a register).
 */
package dev.dfs.testing.linearizability;
