package dev.dfs.store.cluster.data;

import java.util.Map;

/**
 * What a node answers to a peer's membership request, {@code POST /v1/members?op=...} on its chunk
 * service (signed with the cluster secret like every chunk request; the parameters are in the
 * signed query). Implemented by the cluster engine's membership service; the chunk service only
 * authenticates and hands the request over. Thread-safe implementations.
 */
@FunctionalInterface
public interface MemberRequests {
  /** HTTP status and a one-line UTF-8 text for the caller (a reason when not 200). */
  record Answer(int status, String text) {}

  /** Handles one request; {@code params} are the query parameters, each given once. */
  Answer handle(Map<String, String> params);
}
