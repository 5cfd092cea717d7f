package dev.dfs.store;

/**
 * Names of the system attributes kept in {@link ObjectMetadata#attributes()}. One place lists
 * them so features cannot collide; each name belongs to the feature that documents it here.
 * Engines store attributes opaquely; only the protocol layer interprets them.
 */
public final class ObjectAttributes {
  private ObjectAttributes() {}
}
