/**
 * The gateway engine ({@code STORAGE_ENV=aws}): DFS in front of AWS S3 or any S3-compatible
 * endpoint, behind the same {@link dev.dfs.store.ObjectStore} interface as the local engine. {@link
 * dev.dfs.store.gateway.GatewayStore} is the entry point; it is configured by {@link
 * dev.dfs.store.gateway.GatewayOptions}. Clients authenticate to DFS with DFS's credentials; the
 * upstream's credentials stay inside this package's SDK client.
 */
package dev.dfs.store.gateway;
