package dev.dfs.identity;

import dev.dfs.auth.Credential;
import dev.dfs.crypto.MasterKey;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdentityStore} over a {@link SystemTable} (keys and values as {@link IdentityCodec} writes
 * them): the node's own identity database ({@link RocksTable}), or a system table in the engine's
 * metadata, which a cluster replicates.
 *
 * <p>Reads come from a volatile {@link Snapshot}. A write computes its changes from the snapshot
 * inside {@link SystemTable#write} (the table's write exclusion serialises writers) and commits
 * them; the snapshot follows the table only through its listener, which hears every change applied
 * on this node, whoever wrote it, before the write returns. So a change is visible once it is
 * durable, a failed write publishes nothing, and on a replica the changes the leader made appear as
 * they are applied.
 */
final class TableIdentityStore implements IdentityStore {
  private static final Logger log = LoggerFactory.getLogger(TableIdentityStore.class);

  private final SystemTable table;
  private final AutoCloseable owned;
  private final IdentityCodec codec;
  private final KeyGenerator generator = new KeyGenerator();
  private final Clock clock;

  /** Serialises the publication of snapshots (the listener, and the load at start). */
  private final ReentrantLock publish = new ReentrantLock();

  private final SystemTable.Subscription subscription;
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile boolean closed;

  private TableIdentityStore(
      SystemTable table, AutoCloseable owned, IdentityCodec codec, Clock clock) {
    this.table = table;
    this.owned = owned;
    this.codec = codec;
    this.clock = clock;
    this.subscription = table.listen(new Follower());
  }

  @Override
  public Optional<dev.dfs.util.SnapshotSource> snapshot() {
    return owned instanceof RocksTable rocks
        ? Optional.of(sink -> rocks.backup(sink, IdentityStores.DIR_NAME + "/"))
        : Optional.empty();
  }

  /**
   * Opens the store on {@code table} and loads it: listening first, so no change applied meanwhile
   * is missed.
   *
   * @param owned closed with the store (the table's database), or null
   * @throws IOException when a record cannot be read, or a secret does not open under this key
   */
  static TableIdentityStore open(
      SystemTable table, AutoCloseable owned, MasterKey masterKey, Clock clock) throws IOException {
    TableIdentityStore store =
        new TableIdentityStore(table, owned, new IdentityCodec(masterKey), clock);
    try {
      store.reload(true);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Reads the whole table into a new snapshot; not strict: skips (and logs) what cannot be read.
   */
  private void reload(boolean strict) throws IOException {
    publish.lock();
    try {
      Snapshot.Builder b = Snapshot.EMPTY.toBuilder();
      for (SystemTable.Entry e : table.scan("")) apply(b, e, strict);
      snapshot = b.build();
    } finally {
      publish.unlock();
    }
  }

  /**
   * Applies one record (or its deletion) to {@code b}; a record that cannot be read is left out.
   */
  private void apply(Snapshot.Builder b, SystemTable.Entry e, boolean strict) throws IOException {
    String k = e.key();
    try {
      if (k.startsWith(IdentityCodec.USER)) {
        String name = k.substring(IdentityCodec.USER.length());
        if (e.deleted()) b.users.remove(name);
        else b.users.put(name, codec.user(e.requireValue()));
      } else if (k.startsWith(IdentityCodec.KEY)) {
        String id = k.substring(IdentityCodec.KEY.length());
        b.keys.remove(id);
        if (!e.deleted()) b.keys.put(id, codec.accessKey(e.requireValue()));
      } else if (k.startsWith(IdentityCodec.API_KEY)) {
        String id = k.substring(IdentityCodec.API_KEY.length());
        b.apiKeys.remove(id);
        if (!e.deleted()) b.apiKeys.put(id, codec.apiKey(e.requireValue()));
      }
    } catch (IOException | RuntimeException ex) {
      if (strict) throw ex instanceof IOException io ? io : new IOException(ex.getMessage(), ex);
      // a replica cannot refuse what the log applied: it serves without the record (a key
      // that does not open does not authenticate) and says why, once per record
      log.error(
          "identity record {} cannot be read on this node and is ignored: {}", k, ex.getMessage());
    }
  }

  /** Keeps the snapshot equal to the table: every applied change, and reloads. */
  private final class Follower implements SystemTable.Listener {
    @Override
    public void applied(List<SystemTable.Entry> changes) {
      publish.lock();
      try {
        Snapshot.Builder b = snapshot.toBuilder();
        for (SystemTable.Entry e : changes) apply(b, e, false);
        snapshot = b.build();
      } catch (IOException e) {
        throw new IllegalStateException(e); // not strict: apply does not throw
      } finally {
        publish.unlock();
      }
    }

    @Override
    public void replaced() {
      try {
        reload(false);
      } catch (IOException e) {
        log.error(
            "cannot reload the identity records after the metadata was replaced: {}",
            e.getMessage());
      }
    }
  }

  // ---- reads (snapshot, lock-free)

  @Override
  public Optional<SystemTable> systemTable() {
    return Optional.of(table);
  }

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
    Snapshot.StoredApiKey stored = s.apiKeys().get(id);
    if (stored == null) return Optional.empty();
    String user = stored.key().userName();
    User u = s.users().get(user);
    return u != null && u.enabled() ? Optional.of(user) : Optional.empty();
  }

  // ---- writes (computed and committed inside the table's write exclusion)

  @Override
  public User addUser(String name, @Nullable String policy) throws IOException {
    return write(
        changes -> {
          IdentityNames.checkUser(name);
          if (User.ROOT.equals(name)) throw IdentityException.root("already exists");
          PolicyDocuments.check(policy);
          if (current().users().containsKey(name)) {
            throw new IdentityException(
                IdentityException.Reason.CONFLICT, "User '" + name + "' exists.");
          }
          User u = new User(name, clock.instant(), true, policy);
          changes.put(IdentityCodec.USER + name, codec.user(u));
          return u;
        });
  }

  @Override
  public void removeUser(String name) throws IOException {
    update(
        changes -> {
          if (User.ROOT.equals(name)) throw IdentityException.root("cannot be removed");
          Snapshot s = current();
          if (!s.users().containsKey(name)) throw IdentityException.noUser(name);
          changes.delete(IdentityCodec.USER + name);
          for (Snapshot.StoredKey k : s.keys().values()) {
            if (k.key().userName().equals(name))
              changes.delete(IdentityCodec.KEY + k.key().accessKeyId());
          }
          for (Snapshot.StoredApiKey a : s.apiKeys().values()) {
            if (a.key().userName().equals(name))
              changes.delete(IdentityCodec.API_KEY + a.key().id());
          }
        });
  }

  @Override
  public User setUserEnabled(String name, boolean enabled) throws IOException {
    return write(
        changes -> {
          if (User.ROOT.equals(name)) throw IdentityException.root("cannot be disabled or enabled");
          return putUser(changes, existingUser(name).withEnabled(enabled));
        });
  }

  @Override
  public User setPolicy(String name, @Nullable String policy) throws IOException {
    return write(
        changes -> {
          if (User.ROOT.equals(name))
            throw IdentityException.root("has no identity policy (it may do everything)");
          PolicyDocuments.check(policy);
          return putUser(changes, existingUser(name).withPolicy(policy));
        });
  }

  @Override
  public NewAccessKey createAccessKey(String userName) throws IOException {
    return write(
        changes -> {
          if (User.ROOT.equals(userName)) throw IdentityException.root("gets no access keys here");
          existingUser(userName);
          String id = unused(generator::accessKeyId, current().keys());
          String secret = generator.secretKey();
          AccessKey key = new AccessKey(id, userName, KeyStatus.ACTIVE, clock.instant());
          changes.put(IdentityCodec.KEY + id, codec.accessKey(key, secret));
          return new NewAccessKey(key, secret);
        });
  }

  @Override
  public AccessKey setAccessKeyStatus(String accessKeyId, KeyStatus status) throws IOException {
    return write(
        changes -> {
          Snapshot.StoredKey old = current().keys().get(accessKeyId);
          if (old == null) throw IdentityException.noKey(accessKeyId);
          if (old.key().status() == status) return old.key();
          AccessKey key = old.key().withStatus(status);
          changes.put(
              IdentityCodec.KEY + accessKeyId, codec.accessKey(key, old.credential().secretKey()));
          return key;
        });
  }

  @Override
  public void deleteAccessKey(String accessKeyId) throws IOException {
    update(
        changes -> {
          if (!current().keys().containsKey(accessKeyId))
            throw IdentityException.noKey(accessKeyId);
          changes.delete(IdentityCodec.KEY + accessKeyId);
        });
  }

  @Override
  public NewApiKey createApiKey(String userName) throws IOException {
    return write(
        changes -> {
          if (User.ROOT.equals(userName)) throw IdentityException.root("gets no API keys here");
          existingUser(userName);
          String id = unused(generator::apiKeyId, current().apiKeys());
          String value = generator.apiKey();
          ApiKey key =
              new ApiKey(id, userName, value.substring(value.length() - 4), clock.instant());
          changes.put(
              IdentityCodec.API_KEY + id,
              codec.apiKey(new Snapshot.StoredApiKey(key, sha256(value))));
          return new NewApiKey(key, value);
        });
  }

  @Override
  public void deleteApiKey(String id) throws IOException {
    update(
        changes -> {
          if (!current().apiKeys().containsKey(id)) throw IdentityException.noApiKey(id);
          changes.delete(IdentityCodec.API_KEY + id);
        });
  }

  /** Stops following the table; closes the table's database when this store owns it. Idempotent. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    subscription.close();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        log.warn("closing the identity database: {}", e.getMessage());
      }
    }
  }

  // ---- helpers (called inside the table's write exclusion)

  /** A write's work that answers nothing. */
  @FunctionalInterface
  private interface Update {
    void apply(SystemTable.Changes changes) throws IOException;
  }

  /** {@link #write} for work that answers nothing. */
  private void update(Update work) throws IOException {
    write(
        changes -> {
          work.apply(changes);
          return Boolean.TRUE;
        });
  }

  /** Runs one write's work in the table's write exclusion; refused once the store is closed. */
  private <T> T write(SystemTable.Writer<T> work) throws IOException {
    if (closed) throw new IllegalStateException("the identity store is closed");
    return table.write(work);
  }

  /** The snapshot a write decides on: every change applied before the write exclusion was taken. */
  private Snapshot current() {
    return snapshot;
  }

  private User existingUser(String name) {
    User u = snapshot.users().get(name);
    if (u == null) throw IdentityException.noUser(name);
    return u;
  }

  private User putUser(SystemTable.Changes changes, User u) {
    changes.put(IdentityCodec.USER + u.name(), codec.user(u));
    return u;
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
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
