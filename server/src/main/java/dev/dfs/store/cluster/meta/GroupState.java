package dev.dfs.store.cluster.meta;

import java.util.Map;
import java.util.Optional;

/**
 * The metadata group as this node's Raft server sees it at one moment ({@link
 * RaftMetaLog#state()}). Immutable.
 *
 * @param leaderId the leader this node knows, if any
 * @param leader whether this node is that leader
 * @param term the current term
 * @param commitIndex the highest index known committed here
 * @param appliedIndex the highest index applied to this node's metadata
 * @param contacts per peer this node hears from: on the leader, every follower; on a follower, its
 *     leader (keyed by node id)
 * @param leaderChanges leader changes seen since start
 * @param commits writes committed through this node as leader since start
 * @param commitNanos total time those commits took (each from its call to its return)
 * @param commitEntries Raft entries those writes went into (group commit: several concurrent writes
 *     share one)
 */
public record GroupState(
    Optional<String> leaderId,
    boolean leader,
    long term,
    long commitIndex,
    long appliedIndex,
    Map<String, Contact> contacts,
    long leaderChanges,
    long commits,
    long commitNanos,
    long commitEntries) {

  public GroupState {
    contacts = Map.copyOf(contacts);
  }

  /**
   * When this node last exchanged Raft messages with a peer.
   *
   * @param millisAgo milliseconds since the last reply or request
   * @param matchIndex highest index known replicated on it (-1: unknown, i.e. not the leader)
   */
  public record Contact(long millisAgo, long matchIndex) {}
}
