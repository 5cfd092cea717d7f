package dev.dfs.identity;

import dev.dfs.auth.Credential;
import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * {@link IdentityStore} on a small RocksDB of its own (default column family, keys and values
 * as {@link IdentityCodec} writes them). Reads come from a volatile {@link Snapshot}; writers
 * are serialised by one {@link ReentrantLock}, write synced to RocksDB first, then publish the next
 * snapshot, so a change a caller saw succeed survives a crash.
 */
final class RocksIdentityStore implements IdentityStore {
  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Options options;
  private final WriteOptions syncWrite;
  private final RocksDB db;
  private final IdentityCodec codec;
  private final KeyGenerator generator = new KeyGenerator();
  private final Clock clock;
  /**
   * Serialises writers (each reads the snapshot, writes a batch, publishes a new snapshot).
   * A lock rather than {@code synchronized}: a virtual thread blocked in RocksDB I/O under a
   * monitor would pin its carrier on JDK 21.
   */
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Snapshot snapshot;
  private boolean closed;

  private RocksIdentityStore(Path dir, Options options, RocksDB db, IdentityCodec codec,
      Clock clock) {
    this.dir = dir;
    this.options = options;
    this.syncWrite = new WriteOptions().setSync(true);
    this.db = db;
    this.codec = codec;
    this.clock = clock;
  }

  static RocksIdentityStore open(Path dir, MasterKey masterKey, Clock clock) throws IOException {
    Files.createDirectories(dir);
    Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(3)
        .setMaxBackgroundJobs(1);
    RocksDB db;
    try {
      db = RocksDB.open(options, dir.toString());
    } catch (RocksDBException e) {
      options.close();
      String why = String.valueOf(e.getMessage());
      // RocksDB reports a held LOCK file only as an IOError whose text names the lock
      // ("While lock file: …/LOCK: Resource temporarily unavailable", or "lock hold by current
      // process" within one JVM); there is no more specific status code to test.
      if (why.toLowerCase(Locale.ROOT).contains("lock")) {
        throw new IdentityStoreLockedException("the identity database " + dir
            + " is in use by another process (a running dfs server): " + why, e);
      }
      throw new IOException("cannot open the identity database " + dir + ": " + why, e);
    }
    RocksIdentityStore store = new RocksIdentityStore(dir, options, db, new IdentityCodec(masterKey),
        clock);
    try {
      store.snapshot = store.load();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private Snapshot load() throws IOException {
    Snapshot.Builder b = Snapshot.EMPTY.toBuilder();
    try (RocksIterator it = db.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        String k = new String(it.key(), StandardCharsets.UTF_8);
        byte[] v = it.value();
        if (k.startsWith(IdentityCodec.USER)) {
          User u = codec.user(v);
          b.users.put(u.name(), u);
        } else if (k.startsWith(IdentityCodec.KEY)) {
          Snapshot.StoredKey s = codec.accessKey(v);
          b.keys.put(s.key().accessKeyId(), s);
        } else if (k.startsWith(IdentityCodec.API_KEY)) {
          Snapshot.StoredApiKey a = codec.apiKey(v);
          b.apiKeys.put(a.key().id(), a);
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw new IOException("cannot read the identity database " + dir + ": " + e.getMessage(), e);
    }
    return b.build();
  }

  // ---- reads (snapshot, lock-free)

  @Override
  public List<User> users() {
    return List.copyOf(snapshot.users().values());
  }

  @Override
  public Optional<User> user(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(snapshot.users().get(name));
  }

  @Override
  public List<AccessKey> accessKeys() {
    List<AccessKey> out = new ArrayList<>();
    for (Snapshot.StoredKey s : snapshot.keys().values()) out.add(s.key());
    out.sort(Comparator.comparing(AccessKey::userName).thenComparing(AccessKey::accessKeyId));
    return out;
  }

  @Override
  public List<ApiKey> apiKeys() {
    List<ApiKey> out = new ArrayList<>();
    for (Snapshot.StoredApiKey a : snapshot.apiKeys().values()) out.add(a.key());
    out.sort(Comparator.comparing(ApiKey::userName).thenComparing(ApiKey::id));
    return out;
  }

  @Override
  public Optional<Credential> activeCredential(String accessKeyId) {
    Snapshot s = snapshot;
    Snapshot.StoredKey k = s.keys().get(accessKeyId);
    if (k == null || k.key().status() != KeyStatus.ACTIVE) return Optional.empty();
    User u = s.users().get(k.key().userName());
    return u != null && u.enabled() ? Optional.of(k.credential()) : Optional.empty();
  }

  @Override
  public Optional<String> userForApiKey(String apiKey) {
    if (apiKey == null) return Optional.empty();
    Snapshot s = snapshot;
    String id = s.apiKeyHashes().get(sha256(apiKey));
    if (id == null) return Optional.empty();
    String user = s.apiKeys().get(id).key().userName();
    User u = s.users().get(user);
    return u != null && u.enabled() ? Optional.of(user) : Optional.empty();
  }

  // ---- writes (serialised, synced, then published)

  @Override
  public User addUser(String name, String policy) throws IOException {
    return locked(() -> {
      IdentityNames.checkUser(name);
      if (User.ROOT.equals(name)) throw IdentityException.root("already exists");
      PolicyDocuments.check(policy);
      Snapshot.Builder b = begin();
      if (b.users.containsKey(name)) {
        throw new IdentityException(IdentityException.Reason.CONFLICT, "User '" + name + "' exists.");
      }
      User u = new User(name, clock.instant(), true, policy);
      write(b, batch -> {
        batch.put(IdentityCodec.key(IdentityCodec.USER, name), codec.user(u));
        b.users.put(name, u);
      });
      return u;
    });
  }

  @Override
  public void removeUser(String name) throws IOException {
    locked(() -> {
      if (User.ROOT.equals(name)) throw IdentityException.root("cannot be removed");
      Snapshot.Builder b = begin();
      if (!b.users.containsKey(name)) throw IdentityException.noUser(name);
      write(b, batch -> {
        batch.delete(IdentityCodec.key(IdentityCodec.USER, name));
        b.users.remove(name);
        for (Snapshot.StoredKey k : List.copyOf(b.keys.values())) {
          if (k.key().userName().equals(name)) {
            batch.delete(IdentityCodec.key(IdentityCodec.KEY, k.key().accessKeyId()));
            b.keys.remove(k.key().accessKeyId());
          }
        }
        for (Snapshot.StoredApiKey a : List.copyOf(b.apiKeys.values())) {
          if (a.key().userName().equals(name)) {
            batch.delete(IdentityCodec.key(IdentityCodec.API_KEY, a.key().id()));
            b.apiKeys.remove(a.key().id());
          }
        }
      });
    });
  }

  @Override
  public User setUserEnabled(String name, boolean enabled) throws IOException {
    return locked(() -> {
      if (User.ROOT.equals(name)) throw IdentityException.root("cannot be disabled or enabled");
      return putUser(existingUser(name).withEnabled(enabled));
    });
  }

  @Override
  public User setPolicy(String name, String policy) throws IOException {
    return locked(() -> {
      if (User.ROOT.equals(name)) throw IdentityException.root("has no identity policy (it may do everything)");
      PolicyDocuments.check(policy);
      return putUser(existingUser(name).withPolicy(policy));
    });
  }

  @Override
  public NewAccessKey createAccessKey(String userName) throws IOException {
    return locked(() -> {
      if (User.ROOT.equals(userName)) throw IdentityException.root("gets no access keys here");
      existingUser(userName);
      Snapshot.Builder b = begin();
      String id = unused(generator::accessKeyId, b.keys);
      String secret = generator.secretKey();
      AccessKey key = new AccessKey(id, userName, KeyStatus.ACTIVE, clock.instant());
      write(b, batch -> {
        batch.put(IdentityCodec.key(IdentityCodec.KEY, id), codec.accessKey(key, secret));
        b.keys.put(id, new Snapshot.StoredKey(key, new Credential(userName, id, secret)));
      });
      return new NewAccessKey(key, secret);
    });
  }

  @Override
  public AccessKey setAccessKeyStatus(String accessKeyId, KeyStatus status)
      throws IOException {
    return locked(() -> {
      Snapshot.Builder b = begin();
      Snapshot.StoredKey old = b.keys.get(accessKeyId);
      if (old == null) throw IdentityException.noKey(accessKeyId);
      if (old.key().status() == status) return old.key();
      AccessKey key = old.key().withStatus(status);
      write(b, batch -> {
        batch.put(IdentityCodec.key(IdentityCodec.KEY, accessKeyId),
            codec.accessKey(key, old.credential().secretKey()));
        b.keys.put(accessKeyId, new Snapshot.StoredKey(key, old.credential()));
      });
      return key;
    });
  }

  @Override
  public void deleteAccessKey(String accessKeyId) throws IOException {
    locked(() -> {
      Snapshot.Builder b = begin();
      if (b.keys.remove(accessKeyId) == null) throw IdentityException.noKey(accessKeyId);
      write(b, batch -> batch.delete(IdentityCodec.key(IdentityCodec.KEY, accessKeyId)));
    });
  }

  @Override
  public NewApiKey createApiKey(String userName) throws IOException {
    return locked(() -> {
      if (User.ROOT.equals(userName)) throw IdentityException.root("gets no API keys here");
      existingUser(userName);
      Snapshot.Builder b = begin();
      String id = unused(generator::apiKeyId, b.apiKeys);
      String value = generator.apiKey();
      ApiKey key = new ApiKey(id, userName, value.substring(value.length() - 4), clock.instant());
      Snapshot.StoredApiKey stored = new Snapshot.StoredApiKey(key, sha256(value));
      write(b, batch -> {
        batch.put(IdentityCodec.key(IdentityCodec.API_KEY, id), codec.apiKey(stored));
        b.apiKeys.put(id, stored);
      });
      return new NewApiKey(key, value);
    });
  }

  @Override
  public void deleteApiKey(String id) throws IOException {
    locked(() -> {
      Snapshot.Builder b = begin();
      if (b.apiKeys.remove(id) == null) throw IdentityException.noApiKey(id);
      write(b, batch -> batch.delete(IdentityCodec.key(IdentityCodec.API_KEY, id)));
    });
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) return;
      closed = true;
      db.close();
      syncWrite.close();
      options.close();
    } finally {
      writeLock.unlock();
    }
  }

  // ---- helpers (called with writeLock held, unless they take it)

  /** One step of writing work that may fail with an I/O error and yields a result. */
  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  /** One step of writing work that may fail with an I/O error and yields nothing. */
  @FunctionalInterface
  private interface IoStep {
    void run() throws IOException;
  }

  /**
   * Runs {@code action} holding {@link #writeLock}, released however it ends. A
   * {@link ReentrantLock}, not a monitor, so a virtual thread waiting in RocksDB I/O here
   * does not pin its carrier.
   */
  private <T> T locked(IoAction<T> action) throws IOException {
    writeLock.lock();
    try {
      return action.run();
    } finally {
      writeLock.unlock();
    }
  }

  /** {@link #locked(IoAction)} for work that yields nothing. */
  private void locked(IoStep step) throws IOException {
    locked(() -> {
      step.run();
      return null;
    });
  }

  private Snapshot.Builder begin() {
    if (closed) throw new IllegalStateException("the identity store is closed");
    return snapshot.toBuilder();
  }

  private User existingUser(String name) {
    User u = snapshot.users().get(name);
    if (u == null) throw IdentityException.noUser(name);
    return u;
  }

  private User putUser(User u) throws IOException {
    Snapshot.Builder b = begin();
    write(b, batch -> {
      batch.put(IdentityCodec.key(IdentityCodec.USER, u.name()), codec.user(u));
      b.users.put(u.name(), u);
    });
    return u;
  }

  /** The changes of one write, put into its batch (the builder is changed alongside). */
  @FunctionalInterface
  private interface BatchFill {
    void fill(WriteBatch batch) throws RocksDBException;
  }

  /**
   * Fills one batch, writes it synced, then publishes {@code next} as the snapshot: a change is
   * visible only once it is durable, and a failed write publishes nothing.
   */
  private void write(Snapshot.Builder next, BatchFill fill) throws IOException {
    try (WriteBatch batch = new WriteBatch()) {
      fill.fill(batch);
      db.write(syncWrite, batch);
      snapshot = next.build();
    } catch (RocksDBException e) {
      throw failed(e);
    }
  }

  private IOException failed(RocksDBException e) {
    return new IOException("cannot write the identity database " + dir + ": " + e.getMessage(), e);
  }

  /** A fresh id from {@code next} that is not a key of {@code taken}. */
  private static String unused(Supplier<String> next, Map<String, ?> taken) {
    String id;
    do {
      id = next.get();
    } while (taken.containsKey(id));
    return id;
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
