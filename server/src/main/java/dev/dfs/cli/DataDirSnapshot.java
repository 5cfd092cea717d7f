package dev.dfs.cli;

import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.IdentityStore;
import dev.dfs.store.local.LocalStore;
import dev.dfs.util.SnapshotSink;
import dev.dfs.util.SnapshotSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a backup of a local-engine server holds, in this order: the store's consistent snapshot
 * ({@link LocalStore#backup}: {@code FORMAT}, {@code meta/}, {@code chunks/}), the identity
 * database's checkpoint ({@code identity/}: users, keys, KMS keys), then the data directory's key
 * files {@code master.key}, {@code master.key.previous} and {@code master.key.retired-*} (only when
 * the server uses the file, not {@code DFS_MASTER_KEY}) and {@code root-credentials.properties}
 * (when present). Every name is fixed here; nothing comes from a request. Thread-safe.
 */
final class DataDirSnapshot implements SnapshotSource {
  static final String ROOT_CREDENTIALS = "root-credentials.properties";

  private final LocalStore store;
  private final IdentityStore identities;
  private final Path dataDir;
  private final boolean masterKeyFile;

  /**
   * @param masterKeyFile whether the master key is the data directory's file (no DFS_MASTER_KEY)
   */
  DataDirSnapshot(LocalStore store, IdentityStore identities, Path dataDir, boolean masterKeyFile) {
    this.store = store;
    this.identities = identities;
    this.dataDir = dataDir;
    this.masterKeyFile = masterKeyFile;
  }

  @Override
  public void writeTo(SnapshotSink sink) throws IOException {
    store.backup(sink);
    Optional<SnapshotSource> identity = identities.snapshot();
    if (identity.isPresent()) identity.get().writeTo(sink);
    if (masterKeyFile) {
      // read after the checkpoints: a rotation never deletes a key file (the previous key is
      // kept as master.key.previous, then master.key.retired-<id>), so every key that sealed
      // something in them is among these
      addIfPresent(sink, MasterKey.FILE_NAME);
      addIfPresent(sink, MasterKey.PREVIOUS_FILE_NAME);
      for (String retired : retiredKeys()) addIfPresent(sink, retired);
    }
    addIfPresent(sink, ROOT_CREDENTIALS);
  }

  private List<String> retiredKeys() throws IOException {
    try (Stream<Path> s = Files.list(dataDir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(MasterKey.RETIRED_FILE_PREFIX))
          .sorted()
          .toList();
    }
  }

  private void addIfPresent(SnapshotSink sink, String name) throws IOException {
    Path file = dataDir.resolve(name);
    if (!Files.isRegularFile(file)) return;
    try (InputStream in = Files.newInputStream(file)) {
      sink.add(name, Files.size(file), in);
    }
  }
}
