package dev.dfs.store;

import java.time.Instant;

/** A bucket: its name, when it was created and the region it was created in. */
public record BucketInfo(String name, Instant created, String region) {}
