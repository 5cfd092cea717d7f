package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import java.time.Instant;

/**
 * A hint that {@code nodeId}'s replica of {@code chunk} needs attention. Immutable value.
 *
 * @param fault what was seen
 * @param detectedAt when it was seen first (duplicates keep the earliest)
 */
public record RepairRequest(ChunkId chunk, String nodeId, ReplicaFault fault, Instant detectedAt) {}
