package dev.dfs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.VersioningState;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.local.LocalStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Noncurrent-version expiration and expired delete markers on the local engine's versions, with a
 * one-hour lifecycle day and a clock the test moves.
 */
class StoreVersionSweeperTest {
  static final LifecycleEvaluator EVALUATOR =
      new LifecycleEvaluator(new LifecycleDay(Duration.ofHours(1)));

  @TempDir Path dir;
  LocalStore store;
  StoreVersionSweeper sweeper;
  Instant now = Instant.now();

  @BeforeEach
  void open() throws IOException {
    store = LocalStore.open(dir);
    store.createBucket("v", "us-east-1");
    store.versioning().orElseThrow().setState("v", VersioningState.ENABLED);
    sweeper = new StoreVersionSweeper(store);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  ObjectInfo put(String key, String body) throws IOException {
    byte[] data = body.getBytes(StandardCharsets.UTF_8);
    return store.putObject(
        new PutObjectRequest("v", key, data.length, ObjectMetadata.empty(), null, null, null),
        new ByteArrayInputStream(data));
  }

  static LifecycleConfiguration noncurrent(int days, Integer keepNewer, boolean markers) {
    return new LifecycleConfiguration(
        List.of(
            new LifecycleRule(
                "nc",
                true,
                RuleFilter.ALL,
                markers ? new Expiration(null, null, true) : null,
                new NoncurrentVersionExpiration(days, keepNewer),
                null)));
  }

  /** Runs whole sweeps of the bucket in steps of {@code budget}; returns versions removed. */
  long sweepAll(LifecycleConfiguration config, int budget) throws IOException {
    long removed = 0;
    String cursor = null;
    do {
      VersionSweeper.Step step = sweeper.sweep("v", config, EVALUATOR, cursor, budget, now);
      removed += step.removed();
      cursor = step.nextCursor();
    } while (cursor != null);
    return removed;
  }

  List<String> versions() throws IOException {
    return store
        .versioning()
        .orElseThrow()
        .listVersions("v", new VersionsQuery("", null, null, null, 1000))
        .versions()
        .stream()
        .map(ObjectVersion::info)
        .map(i -> i.key() + (i.deleteMarker() ? ":marker" : ":" + sizeOf(i)))
        .toList();
  }

  static String sizeOf(ObjectInfo i) {
    return Long.toString(i.size());
  }

  @Test
  void noncurrentVersionsGoOnceTheirDaysHavePassedSinceTheyWereReplaced() throws IOException {
    put("k", "1");
    put("k", "22");
    put("k", "333");
    put("other", "4444");
    LifecycleConfiguration config = noncurrent(1, null, false);
    now = now.plus(Duration.ofMinutes(30));
    assertThat(sweepAll(config, 1000)).isZero();
    now = now.plus(Duration.ofHours(2));
    VersionSweeper.Step step = sweeper.sweep("v", config, EVALUATOR, null, 1000, now);
    assertThat(step.removed()).isEqualTo(2);
    assertThat(step.bytesFreed()).isEqualTo(1 + 2);
    assertThat(versions()).containsExactly("k:3", "other:4");
    assertThat(store.head(ObjectRef.current("v", "k")))
        .get()
        .extracting(ObjectInfo::size)
        .isEqualTo(3L);
  }

  @Test
  void newerNoncurrentVersionsAreKeptAcrossPageBoundaries() throws IOException {
    for (int i = 1; i <= 5; i++) put("k", "x".repeat(i));
    put("z", "z");
    now = now.plus(Duration.ofHours(2));
    // Pages of two split the key's versions; the cursor carries the count between them.
    assertThat(sweepAll(noncurrent(1, 2, false), 2)).isEqualTo(2);
    assertThat(versions()).containsExactly("k:5", "k:4", "k:3", "z:1");
  }

  @Test
  void aDeleteMarkerLeftAloneIsRemovedByExpiredObjectDeleteMarker() throws IOException {
    put("gone", "old");
    store.delete(new ObjectRef("v", "gone", null), null);
    put("kept", "v");
    store.delete(new ObjectRef("v", "kept", null), null);
    put("kept", "again");
    now = now.plus(Duration.ofHours(2));
    sweepAll(noncurrent(1, null, true), 1000); // removes the noncurrent versions
    sweepAll(noncurrent(1, null, true), 1000); // now the lone marker of "gone" goes too
    assertThat(versions()).containsExactly("kept:5");
  }

  @Test
  void lockedVersionsStay() throws IOException {
    ObjectInfo held = put("k", "held");
    put("k", "new");
    store
        .metadataUpdates()
        .orElseThrow()
        .update(
            new ObjectRef("v", "k", held.versionId()),
            md -> md.withAttributes(Map.of(ObjectAttributes.LOCK_LEGAL_HOLD, "ON")));
    now = now.plus(Duration.ofHours(2));
    assertThat(sweepAll(noncurrent(1, null, false), 1000)).isZero();
    assertThat(versions()).containsExactly("k:3", "k:4");
  }

  @Test
  void cursorsRoundTripKeysWithTheSeparator() {
    StoreVersionSweeper.Cursor c =
        new StoreVersionSweeper.Cursor("a|b|c", "null", Instant.ofEpochMilli(7), 3);
    assertThat(StoreVersionSweeper.Cursor.parse(c.format())).isEqualTo(c);
  }
}
