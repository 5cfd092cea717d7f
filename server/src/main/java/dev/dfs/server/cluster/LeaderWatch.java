package dev.dfs.server.cluster;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Ends a forwarded exchange that waits on a leader which is no longer the leader. A leader that
 * stopped (SIGSTOP, a frozen VM, a full GC) still accepts connections in its kernel, so neither the
 * connect timeout nor an error ends the wait, only the proxy's idle timeout (30 s); but the rest of
 * the cluster elects a new leader within an election timeout, and this node's {@link ClusterView}
 * then names another leader, or none. Every {@code every}, until the leader's answer begins, the
 * watch compares; on a change it aborts the exchange, which {@link LeaderProxy} turns into a quick
 * 503 the client can retry (reaching the new leader). An exchange whose answer began is left alone:
 * aborting it would cut an answer in the middle.
 *
 * <p>Thread-safe; one check per exchange per period, on the HTTP client's scheduler.
 */
final class LeaderWatch {
  /** The message of the abort, which the proxy reports in its 503. */
  static final String LEADER_CHANGED = "the leader changed while it was being waited for";

  private final ClusterView view;
  private final Duration every;

  LeaderWatch(ClusterView view, Duration every) {
    this.view = view;
    this.every = every;
  }

  /** Watches {@code toLeader}, sent to the S3 endpoint {@code leader}, on {@code scheduler}. */
  void watch(Request toLeader, URI leader, Scheduler scheduler) {
    AtomicBoolean settled = new AtomicBoolean();
    toLeader.onResponseBegin(r -> settled.set(true));
    toLeader.onComplete(r -> settled.set(true));
    schedule(toLeader, leader, scheduler, settled);
  }

  private void schedule(Request toLeader, URI leader, Scheduler scheduler, AtomicBoolean settled) {
    scheduler.schedule(
        () -> {
          if (settled.get()) return;
          if (stillLeader(leader)) {
            schedule(toLeader, leader, scheduler, settled);
          } else {
            // the request's own listeners see the abort; its outcome future has no one to tell
            Future<?> unused = toLeader.abort(new LeaderChangedException());
          }
        },
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private boolean stillLeader(URI leader) {
    Optional<URI> now = view.leader().flatMap(ClusterStatus.Member::s3Endpoint);
    return now.isPresent() && now.get().equals(leader);
  }

  /** Why a forwarded exchange was aborted; no stack trace (an expected event). */
  static final class LeaderChangedException extends Exception {
    private static final long serialVersionUID = 1L;

    LeaderChangedException() {
      super(LEADER_CHANGED, null, false, false);
    }
  }
}
