package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.VersioningState;
import dev.dfs.store.local.LocalStore;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClusterStore delegates to the local engine: every ObjectStore method the local engine implements
 * must be implemented by ClusterStore too, or the cluster would silently fall back to the
 * interface's default (often NotImplemented) for it.
 */
class ClusterStoreDelegationTest {
  @Test
  void everyMethodTheLocalEngineImplementsIsDelegated() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Method m : ObjectStore.class.getMethods()) {
      if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
      Method local = LocalStore.class.getMethod(m.getName(), m.getParameterTypes());
      Method cluster = ClusterStore.class.getMethod(m.getName(), m.getParameterTypes());
      if (local.getDeclaringClass() == LocalStore.class
          && cluster.getDeclaringClass() != ClusterStore.class) {
        missing.add(m.toString());
      }
    }
    assertThat(missing).isEmpty();
  }

  /** The capability views' writes are writes too: a follower refuses them, and serves reads. */
  @Test
  void theCapabilityViewsRefuseWritesOnAFollower(@TempDir Path dir) throws Exception {
    try (LocalStore local = LocalStore.open(dir)) {
      local.createBucket("b", "us-east-1");
      ObjectStore follower = new ClusterStore(local, null, () -> "not the leader", () -> {});
      assertUnavailable(
          () -> follower.versioning().orElseThrow().setState("b", VersioningState.ENABLED));
      assertUnavailable(() -> follower.bucketConfig("cors").orElseThrow().put("b", "<x/>"));
      assertUnavailable(
          () ->
              follower.metadataUpdates().orElseThrow().update(ObjectRef.current("b", "k"), m -> m));
      assertThat(follower.versioning().orElseThrow().state("b"))
          .isEqualTo(VersioningState.UNVERSIONED);
      assertThat(follower.bucketConfig("cors").orElseThrow().get("b")).isEmpty();
    }
  }

  private static void assertUnavailable(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
  }
}
