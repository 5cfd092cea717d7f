package dev.dfs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.local.LocalStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a cluster the lifecycle worker runs passes only while its node admits writes (the leader), so
 * the rules are applied once; on one node it always runs.
 */
class LifecycleOnClusterTest {
  @TempDir Path dir;

  @Test
  void passesRunOnlyWhileTheNodeIsTheLeader() throws Exception {
    AtomicBoolean leader = new AtomicBoolean(false);
    try (LocalStore local = LocalStore.open(dir)) {
      ObjectStore store = onCluster(local, leader);
      LifecycleWorker w =
          new LifecycleWorker(
              store,
              bucket -> Optional.empty(),
              VersionSweeper.NONE,
              new LifecycleDay(Duration.ofMillis(400)),
              Clock.systemUTC()); // a pass every 100 ms
      w.start();
      try {
        Thread.sleep(1_000); // about ten intervals as a follower
        assertThat(w.stats().snapshot().passes()).isZero();
        leader.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (w.stats().snapshot().passes() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(w.stats().snapshot().passes()).isPositive();
      } finally {
        w.stop(Duration.ofSeconds(10));
      }
    }
  }

  /** {@code local} as a cluster node whose leadership the test sets. */
  private static ObjectStore onCluster(LocalStore local, AtomicBoolean leader) {
    ClusterView view =
        new ClusterView() {
          @Override
          public String nodeId() {
            return "n1";
          }

          @Override
          public boolean admitsWrites() {
            return leader.get();
          }

          @Override
          public Optional<ClusterStatus.Member> leader() {
            return Optional.empty();
          }

          @Override
          public boolean inQuorum() {
            return true;
          }

          @Override
          public void readBarrier() {}

          @Override
          public ClusterStatus status() {
            throw new UnsupportedOperationException();
          }

          @Override
          public String sign(String canonical) {
            return "";
          }

          @Override
          public boolean verify(String canonical, String signature) {
            return false;
          }
        };
    return (ObjectStore)
        Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("cluster")) return Optional.of(view);
              try {
                return method.invoke(local, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
