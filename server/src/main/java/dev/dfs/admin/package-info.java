/**
 * The management API under {@code /api/v1} and {@code /metrics}: one route table ({@code
 * AdminRoutes}) read by {@link dev.dfs.admin.AdminHandler}, resources for health, buckets,
 * identities and metrics, and the OpenAPI document a test checks the table against.
 */
package dev.dfs.admin;
