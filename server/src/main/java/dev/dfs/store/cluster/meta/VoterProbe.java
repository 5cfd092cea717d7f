package dev.dfs.store.cluster.meta;

import java.util.concurrent.CompletableFuture;

/**
 * Asks another voter of the metadata group for its current term and leader ({@link TermLeader}),
 * for the confirmation round of a read barrier ({@link RaftMetaLog#readBarrier}). Implemented by
 * the cluster engine over the chunk service ({@code GET /v1/term}); tests ask in-process nodes.
 * Thread-safe implementations.
 */
@FunctionalInterface
public interface VoterProbe {
  /**
   * Asks voter {@code id}, whose Raft server listens on {@code raftAddress} (host:port). Must not
   * block the caller: the answer comes in the future, which fails if the voter cannot be asked or
   * does not answer within a bounded time (it then just does not count).
   */
  CompletableFuture<TermLeader> ask(String id, String raftAddress);
}
