package dev.dfs.store.cluster;

import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.meta.RaftMembership;
import dev.dfs.store.cluster.meta.TermLeader;
import dev.dfs.store.cluster.meta.VoterProbe;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a voter of the metadata group for its term and leader on its chunk service ({@code GET
 * /v1/term}: mutual TLS and a signed request, as every chunk request), for the confirmation round
 * of a read barrier. A member's chunk service listens next to its Raft server ({@link
 * MembershipService#node}). Non-blocking (the chunk client's asynchronous send, no thread per
 * call). Thread-safe.
 */
final class ChunkVoterProbe implements VoterProbe {
  private final ChunkClient client;

  ChunkVoterProbe(ChunkClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<TermLeader> ask(String id, String raftAddress) {
    try {
      return client
          .term(MembershipService.node(new RaftMembership.Member(id, raftAddress, true)))
          .thenApply(TermLeader::decode);
    } catch (RuntimeException e) { // e.g. a malformed address: this voter does not count
      return CompletableFuture.failedFuture(e);
    }
  }
}
