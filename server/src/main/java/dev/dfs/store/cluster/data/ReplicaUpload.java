package dev.dfs.store.cluster.data;

import java.io.IOException;

/**
 * One replica of a chunk being written: blocks in order, then {@link #complete} (durable when it
 * returns) or {@link #abort}. A failed or aborted upload leaves no chunk under the name on that
 * node (a temp file at worst, removed at the node's next start). Used by one thread, except {@link
 * #abort}, which any thread may call at any time.
 */
interface ReplicaUpload {
  /** Sends {@code len} bytes of {@code block}; the caller does not change them afterwards. */
  void write(byte[] block, int len) throws IOException;

  /** Ends the body and waits until the replica is fsynced and published. */
  void complete() throws IOException;

  /** Gives up: the replica is not published (or, if it already was, is left as an orphan). */
  void abort();
}
