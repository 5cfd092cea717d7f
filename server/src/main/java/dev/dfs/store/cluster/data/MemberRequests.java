package dev.dfs.store.cluster.data;

import java.util.Map;

/**
 * What a node answers to the requests peers hand to the leader on its chunk service (signed with
 * the cluster secret like every chunk request): membership requests, {@code POST
 * /v1/members?op=...} (the parameters are in the signed query), and batches of reads for
 * Intelligent-Tiering, {@code POST /v1/accesses?size=N} (a framed body bound to the signature by
 * its MAC trailer). Implemented by the cluster engine; the chunk service only authenticates and
 * hands the request over. Thread-safe implementations.
 */
@FunctionalInterface
public interface MemberRequests {
  /** HTTP status and a one-line UTF-8 text for the caller (a reason when not 200). */
  record Answer(int status, String text) {
    /**
     * A refusal whose text says why {@code e} happened: its message, or its type when it has none
     * (the text is the response body, so it is never null).
     */
    public static Answer failed(int status, Throwable e) {
      return new Answer(status, reason(e));
    }

    /** {@code e}'s message, or its type when it has none. */
    public static String reason(Throwable e) {
      String message = e.getMessage();
      return message != null ? message : e.getClass().getSimpleName();
    }
  }

  /** Handles one request; {@code params} are the query parameters, each given once. */
  Answer handle(Map<String, String> params);

  /**
   * Takes in a batch of reads a follower's access log sent (authenticated, complete): 204 when
   * taken, 503 when this node does not lead now (the sender keeps them), 400 when malformed.
   */
  default Answer accesses(byte[] batch) {
    return new Answer(503, "this node takes no access reports");
  }

  /**
   * This node's metadata Raft term and the leader it knows, for a peer's read barrier ({@code GET
   * /v1/term}): 200 with {@code "<term> <leader id>"} (no id: none known), 503 while the metadata
   * is not open. Answered from memory: no disk, no network.
   */
  default Answer term() {
    return new Answer(503, "this node has no metadata group");
  }
}
