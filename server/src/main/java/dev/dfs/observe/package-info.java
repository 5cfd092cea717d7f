/**
 * Observation: request metrics recorded by the protocol layers, the Prometheus registry behind
 * {@code /metrics}, and the sliding-window figures behind the management dashboard. Sits below s3
 * and admin and imports nothing of ours but util; what it observes of the store arrives as plain
 * values through {@link dev.dfs.observe.StorageSample}.
 */
package dev.dfs.observe;
