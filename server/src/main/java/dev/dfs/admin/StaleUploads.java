package dev.dfs.admin;

import dev.dfs.store.BucketInfo;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Counts multipart uploads open longer than {@link #AGE}, by listing every bucket's uploads at most
 * once per {@link #REFRESH} and serving the cached count in between, so a busy dashboard does not
 * turn into upload scans. Thread-safe.
 */
final class StaleUploads {
  static final Duration AGE = Duration.ofDays(1);
  static final Duration REFRESH = Duration.ofSeconds(60);

  private final ObjectStore store;
  private final Clock clock;
  private @Nullable Instant computedAt;
  private long count;

  StaleUploads(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  synchronized long count() throws IOException {
    Instant now = clock.instant();
    if (computedAt == null || now.isAfter(computedAt.plus(REFRESH))) {
      count = scan(now.minus(AGE));
      computedAt = now;
    }
    return count;
  }

  private long scan(Instant cutoff) throws IOException {
    long n = 0;
    for (BucketInfo b : store.listBuckets()) {
      String keyMarker = null;
      String idMarker = null;
      while (true) {
        UploadsPage page =
            store.listUploads(b.name(), new UploadsQuery("", null, keyMarker, idMarker, 1000));
        for (UploadInfo u : page.uploads()) if (u.initiated().isBefore(cutoff)) n++;
        if (!page.truncated()) break;
        keyMarker = page.nextKeyMarker();
        idMarker = page.nextUploadIdMarker();
      }
    }
    return n;
  }
}
