package dev.dfs.server.cluster;

import dev.dfs.store.ClusterView;
import dev.dfs.store.ObjectStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * An engine dressed as a cluster node for tests of the HTTP front: every call goes to the wrapped
 * engine (a local one) except {@link ObjectStore#cluster()}, which offers the given view. No data
 * is replicated: each node keeps its own store, which is how the tests see where a forwarded write
 * landed.
 */
final class ClusteredStore {
  private ClusteredStore() {}

  static ObjectStore of(ObjectStore engine, ClusterView view) {
    return (ObjectStore)
        Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("cluster") && method.getParameterCount() == 0) {
                return Optional.of(view);
              }
              try {
                return method.invoke(engine, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
