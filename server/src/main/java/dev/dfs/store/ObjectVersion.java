package dev.dfs.store;

/**
 * One entry of a version listing: a version or a delete marker ({@link ObjectInfo#deleteMarker()}),
 * and whether it is the key's newest version.
 */
public record ObjectVersion(ObjectInfo info, boolean latest) {}
