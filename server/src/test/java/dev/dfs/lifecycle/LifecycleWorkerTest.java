package dev.dfs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.local.LocalStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker on the local engine with a clock the test moves: one synchronous pass at a time, a
 * one-hour lifecycle day (not rounded).
 */
class LifecycleWorkerTest {
  static final LifecycleDay HOUR = new LifecycleDay(Duration.ofHours(1));

  @TempDir Path dir;
  LocalStore store;
  final Map<String, LifecycleConfiguration> configs = new ConcurrentHashMap<>();
  final dev.dfs.testing.MovableClock clock = new dev.dfs.testing.MovableClock(Instant.now());

  @BeforeEach
  void open() throws IOException {
    store = LocalStore.open(dir);
    store.createBucket("b", "us-east-1");
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  LifecycleWorker worker(ObjectStore s, VersionSweeper sweeper) {
    LifecycleConfigSource source = bucket -> Optional.ofNullable(configs.get(bucket));
    return new LifecycleWorker(s, source, sweeper, HOUR, clock);
  }

  ObjectInfo put(String key, String body, Map<String, String> tags) throws IOException {
    byte[] data = body.getBytes(StandardCharsets.UTF_8);
    return store.putObject(
        new PutObjectRequest(
            "b", key, data.length, ObjectMetadata.empty().withTags(tags), null, null, null),
        new ByteArrayInputStream(data));
  }

  static LifecycleRule expire(String id, RuleFilter filter, int days) {
    return new LifecycleRule(id, true, filter, new Expiration(days, null, null), null, null);
  }

  @Test
  void expiresMatchingObjectsOnceDueAndCountsThem() throws IOException {
    put("logs/1", "aaaa", Map.of());
    put("logs/2", "bb", Map.of());
    put("keep/1", "c", Map.of());
    put("tmp/tagged", "ddd", Map.of("class", "scratch"));
    put("tmp/untagged", "e", Map.of());
    configs.put(
        "b",
        new LifecycleConfiguration(
            List.of(
                expire("logs", RuleFilter.prefix("logs/"), 2),
                expire(
                    "scratch",
                    new RuleFilter(
                        "", Map.of("class", "scratch"), null, null, RuleFilter.Shape.SINGLE),
                    1),
                new LifecycleRule(
                    "off", false, RuleFilter.ALL, new Expiration(1, null, null), null, null))));
    LifecycleWorker w = worker(store, VersionSweeper.NONE);

    clock.advance(Duration.ofMinutes(90));
    w.runPass();
    assertThat(keys()).containsExactly("keep/1", "logs/1", "logs/2", "tmp/untagged");

    clock.advance(Duration.ofMinutes(60));
    w.runPass();
    assertThat(keys()).containsExactly("keep/1", "tmp/untagged");

    LifecycleStats.Snapshot s = w.stats().snapshot();
    assertThat(s.objectsExpired()).isEqualTo(3);
    assertThat(s.bytesFreed()).isEqualTo(4 + 2 + 3);
    assertThat(s.passes()).isEqualTo(2);
    assertThat(s.totalRules()).isEqualTo(3);
    assertThat(s.enabledRules()).isEqualTo(2);
    assertThat(s.errors()).isZero();
    assertThat(s.lastRun().status()).isEqualTo("ok");
    assertThat(s.rules())
        .filteredOn(r -> r.ruleId().equals("logs"))
        .singleElement()
        .satisfies(r -> assertThat(r.matches()).isEqualTo(2));
    assertThat(s.rules())
        .filteredOn(r -> r.ruleId().equals("scratch"))
        .singleElement()
        .satisfies(r -> assertThat(r.matches()).isEqualTo(1));
    assertThat(s.rules()).noneMatch(r -> r.ruleId().equals("off"));
  }

  @Test
  void anObjectRewrittenAfterTheListingSawItStays() throws Exception {
    put("logs/raced", "old", Map.of());
    configs.put(
        "b", new LifecycleConfiguration(List.of(expire("logs", RuleFilter.prefix("logs/"), 1))));
    // A store whose listing is overtaken by a client's overwrite before the worker deletes.
    ObjectStore racing =
        (ObjectStore)
            Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                  try {
                    Object result = method.invoke(store, args);
                    if (method.getName().equals("list")) put("logs/raced", "new", Map.of());
                    return result;
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    clock.advance(Duration.ofHours(2));
    LifecycleWorker w = worker(racing, VersionSweeper.NONE);
    w.runPass();
    assertThat(store.head(ObjectRef.current("b", "logs/raced"))).isPresent();
    assertThat(w.stats().snapshot().objectsExpired()).isZero();
    // The next pass judges the new object by its own age: not due yet.
    w.runPass();
    assertThat(store.head(ObjectRef.current("b", "logs/raced"))).isPresent();
  }

  @Test
  void abortsStaleUploadsUnderTheRulePrefix() throws IOException {
    store.createUpload("b", "tmp/big", ObjectMetadata.empty(), null, null);
    store.createUpload("b", "keep/big", ObjectMetadata.empty(), null, null);
    configs.put(
        "b",
        new LifecycleConfiguration(
            List.of(new LifecycleRule("mpu", true, RuleFilter.prefix("tmp/"), null, null, 1))));
    LifecycleWorker w = worker(store, VersionSweeper.NONE);
    w.runPass();
    assertThat(uploadKeys()).containsExactly("keep/big", "tmp/big");
    clock.advance(Duration.ofMinutes(61));
    w.runPass();
    assertThat(uploadKeys()).containsExactly("keep/big");
    assertThat(w.stats().snapshot().uploadsAborted()).isEqualTo(1);
  }

  @Test
  void versionActionsGoToTheSweeperOnlyWhenARuleHasThem() throws IOException {
    store.createBucket("v", "us-east-1");
    List<String> swept = new ArrayList<>();
    VersionSweeper recording =
        (bucket, config, evaluator, cursor, budget, now) -> {
          swept.add(bucket + ":" + cursor);
          return cursor == null
              ? new VersionSweeper.Step(5, 2, 100, "next")
              : new VersionSweeper.Step(1, 0, 0, null);
        };
    configs.put("b", new LifecycleConfiguration(List.of(expire("plain", RuleFilter.ALL, 1))));
    configs.put(
        "v",
        new LifecycleConfiguration(
            List.of(
                new LifecycleRule(
                    "nc",
                    true,
                    RuleFilter.ALL,
                    null,
                    new NoncurrentVersionExpiration(3, null),
                    null))));
    LifecycleWorker w = worker(store, recording);
    w.runPass();
    assertThat(swept).containsExactly("v:null", "v:next");
    assertThat(w.stats().snapshot().versionsExpired()).isEqualTo(2);
  }

  @Test
  void bucketsWithoutConfigurationOrSupportAreSkippedQuietly() throws IOException {
    store.createBucket("gateway-like", "us-east-1");
    put("logs/1", "x", Map.of());
    LifecycleConfigSource source =
        bucket -> {
          if (bucket.equals("gateway-like")) {
            throw new StoreException(StoreError.NOT_IMPLEMENTED, "no bucket configuration");
          }
          return Optional.empty();
        };
    LifecycleWorker w = new LifecycleWorker(store, source, VersionSweeper.NONE, HOUR, clock);
    clock.advance(Duration.ofDays(400));
    w.runPass();
    assertThat(keys()).containsExactly("logs/1");
    assertThat(w.stats().snapshot().errors()).isZero();
    assertThat(w.stats().snapshot().lastRun()).isNotNull();
  }

  @Test
  void theThreadEndsOnAnEngineWithoutLifecycleConfiguration() throws Exception {
    LifecycleConfigSource none =
        bucket -> {
          throw new StoreException(StoreError.NOT_IMPLEMENTED, "no bucket configuration");
        };
    LifecycleWorker w =
        new LifecycleWorker(store, none, VersionSweeper.NONE, LifecycleDay.ofSeconds(1), clock);
    w.start();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (w.stats().snapshot().running()) {
      assertThat(System.nanoTime()).as("the worker should stop by itself").isLessThan(end);
      Thread.sleep(20);
    }
    assertThat(w.stats().snapshot().errors()).isZero();
    w.stop(Duration.ofSeconds(5));
  }

  @Test
  void aFailingBucketIsCountedAndTheOthersStillRun() throws IOException {
    store.createBucket("broken", "us-east-1");
    put("logs/1", "x", Map.of());
    LifecycleConfigSource source =
        bucket -> {
          if (bucket.equals("broken")) throw new IOException("disk on fire");
          return Optional.of(new LifecycleConfiguration(List.of(expire("all", RuleFilter.ALL, 1))));
        };
    LifecycleWorker w = new LifecycleWorker(store, source, VersionSweeper.NONE, HOUR, clock);
    clock.advance(Duration.ofHours(2));
    w.runPass();
    assertThat(keys()).isEmpty();
    LifecycleStats.Snapshot s = w.stats().snapshot();
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.lastRun().status()).isEqualTo("errors");
    assertThat(s.lastRun().error()).contains("broken").contains("disk on fire");
  }

  @Test
  void commonPrefixNarrowsTheListing() {
    assertThat(
            LifecycleWorker.commonPrefix(
                List.of(
                    expire("a", RuleFilter.prefix("logs/a"), 1),
                    expire("b", RuleFilter.prefix("logs/b"), 1))))
        .isEqualTo("logs/");
    assertThat(
            LifecycleWorker.commonPrefix(
                List.of(expire("a", RuleFilter.prefix("x"), 1), expire("b", RuleFilter.ALL, 1))))
        .isEmpty();
  }

  List<String> keys() throws IOException {
    return store.list("b", new dev.dfs.store.ListQuery("", null, null, 1000)).objects().stream()
        .map(ObjectInfo::key)
        .toList();
  }

  List<String> uploadKeys() throws IOException {
    return store.listUploads("b", new UploadsQuery("", null, null, null, 1000)).uploads().stream()
        .map(u -> u.key())
        .toList();
  }
}
