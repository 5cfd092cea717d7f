package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectStore;
import dev.dfs.store.local.LocalStore;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ClusterStore delegates to the local engine: every ObjectStore method the local engine
 * implements must be implemented by ClusterStore too, or the cluster would silently fall back
 * to the interface's default (often NotImplemented) for it.
 */
class ClusterStoreDelegationTest {
  @Test
  void everyMethodTheLocalEngineImplementsIsDelegated() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Method m : ObjectStore.class.getMethods()) {
      if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
      Method local = LocalStore.class.getMethod(m.getName(), m.getParameterTypes());
      Method cluster = ClusterStore.class.getMethod(m.getName(), m.getParameterTypes());
      if (local.getDeclaringClass() == LocalStore.class && cluster.getDeclaringClass() != ClusterStore.class) {
        missing.add(m.toString());
      }
    }
    assertThat(missing).isEmpty();
  }
}
