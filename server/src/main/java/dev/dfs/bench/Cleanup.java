package dev.dfs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PrimitiveIterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Deletes the objects a run created: DeleteObjects in batches of 1000, or one DeleteObject per key
 * on servers that refuse multi-object delete. Not measured.
 */
final class Cleanup {
  private static final int BATCH = 1000;

  /** What cleaning up achieved. */
  record Result(long deleted, long failed, @Nullable String firstError) {}

  private final S3Client s3;
  private final String bucket;
  private final Progress progress;
  private final AtomicBoolean multiDelete = new AtomicBoolean(true);
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile @Nullable String firstError;

  Cleanup(S3Client s3, String bucket, Progress progress) {
    this.s3 = s3;
    this.bucket = bucket;
    this.progress = progress;
  }

  Result delete(KeyLayout layout, LongStream indexes, long total, int threads)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, 16)));
    try {
      PrimitiveIterator.OfLong it = indexes.iterator();
      while (it.hasNext()) {
        List<String> batch = new ArrayList<>(BATCH);
        while (it.hasNext() && batch.size() < BATCH) batch.add(layout.key(it.nextLong()));
        // deleteBatch counts its own failures; awaitTermination below waits for all batches
        Future<?> unused = pool.submit(() -> deleteBatch(batch));
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        progress.update(
            String.format(
                Locale.ROOT, "cleanup %d/%d objects", deleted.get() + failed.get(), total));
      }
      progress.done();
    } finally {
      pool.shutdownNow();
    }
    return new Result(deleted.get(), failed.get(), firstError);
  }

  private void deleteBatch(List<String> keys) {
    if (multiDelete.get()) {
      try {
        List<ObjectIdentifier> ids =
            keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        DeleteObjectsResponse r =
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
        if (r.hasErrors() && !r.errors().isEmpty()) {
          r.errors().forEach(e -> noteError(e.key() + ": " + e.code()));
          failed.addAndGet(r.errors().size());
        }
        deleted.addAndGet(keys.size() - (r.hasErrors() ? r.errors().size() : 0));
        return;
      } catch (AwsServiceException e) {
        multiDelete.set(false); // e.g. 501 NotImplemented: fall back to single deletes
      }
    }
    for (String key : keys) {
      try {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        deleted.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        noteError(key + ": " + Recorders.describe(e));
      }
    }
  }

  private void noteError(String text) {
    if (firstError == null) firstError = text;
  }
}
