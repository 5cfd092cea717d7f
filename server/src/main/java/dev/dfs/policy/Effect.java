package dev.dfs.policy;

/** A statement's effect. */
public enum Effect {
  ALLOW,
  DENY
}
