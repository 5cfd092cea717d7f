package dev.dfs.testing;

import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Directory tiers for tests of the local engine: a tier named {@code name} in {@code root}/{@code
 * name}, serving the given storage classes at the default cost model, and a server's tier registry
 * to create them in. Stateless.
 */
public final class DirectoryTiers {
  private DirectoryTiers() {}

  /** The directory tier {@code name} under {@code root} serving {@code storageClasses}. */
  public static TierDefinition directory(Path root, String name, String... storageClasses) {
    return new TierDefinition(
        name,
        TierDefinition.Kind.DIRECTORY,
        List.of(storageClasses),
        null,
        root.resolve(name).toString(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The tier registry of {@code server}'s local store. */
  public static TierRegistry registry(DfsTestServer server) {
    return server.store().tiering().orElseThrow().tiers();
  }
}
