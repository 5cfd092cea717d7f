package dev.dfs.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a worker does next: one step issues one operation (or one whole multipart upload) and
 * records it through {@link Worker#time}. Implementations are shared by all workers and
 * thread-safe; per-worker state lives in {@link Worker}.
 */
interface Workload {
  /** Performs one step; false when there is nothing left to do (e.g. every key deleted). */
  boolean step(Worker w);

  /** PUT of new keys 0, 1, 2, … (no key space), or overwrites of random keys in {@code table}. */
  record Put(
      S3Ops ops, KeyLayout layout, SizeRange sizes, @Nullable KeyTable table, AtomicLong next)
      implements Workload {
    @Override
    @SuppressWarnings("ThreadPriorityCheck") // yields while every key is busy instead of spinning
    public boolean step(Worker w) {
      if (table == null) {
        long index = next.getAndIncrement();
        String key = layout.key(index);
        long size = sizes.pick(w.rng);
        w.time(Op.PUT, () -> ops.put(key, size));
        return true;
      }
      KeyTable.Claim c = table.acquireWrite(w.rng);
      if (c == null) {
        Thread.yield(); // every key busy: more workers than keys
        return true;
      }
      String key = layout.key(c.index());
      long size = sizes.pick(w.rng);
      boolean ok = w.time(Op.PUT, () -> ops.put(key, size));
      table.release(c, ok || c.wasPresent());
      return true;
    }
  }

  /** GET (bodies drained) or HEAD of random existing keys. */
  record Read(Op op, S3Ops ops, KeyLayout layout, KeyTable table) implements Workload {
    @Override
    @SuppressWarnings("ThreadPriorityCheck") // yields while no key exists instead of spinning
    public boolean step(Worker w) {
      int i = table.acquireRead(w.rng);
      if (i < 0) {
        Thread.yield(); // no key exists right now (mixed mode deleted them all)
        return true;
      }
      try {
        String key = layout.key(i);
        if (op == Op.GET) w.time(Op.GET, () -> ops.get(key, w.buffer));
        else w.time(Op.STAT, () -> ops.head(key));
      } finally {
        table.releaseRead(i);
      }
      return true;
    }
  }

  /** DELETE of each key of the table once, in index order; done when all are claimed. */
  record DeleteEach(S3Ops ops, KeyLayout layout, KeyTable table, AtomicLong next)
      implements Workload {
    @Override
    public boolean step(Worker w) {
      while (true) {
        long index = next.getAndIncrement();
        if (index >= table.size()) return false;
        KeyTable.Claim c = table.acquireDelete((int) index);
        if (c == null) continue; // prefill failed on this key
        String key = layout.key(index);
        boolean ok = w.time(Op.DELETE, () -> ops.delete(key));
        table.release(c, !ok);
        return true;
      }
    }
  }

  /** ListObjectsV2: each worker walks all pages under {@code prefix}, then starts over. */
  record Lister(S3Ops ops, String prefix, @Nullable String delimiter, int pageSize)
      implements Workload {
    @Override
    public boolean step(Worker w) {
      String token = w.listToken;
      String[] next = new String[1];
      boolean ok =
          w.time(
              Op.LIST,
              () -> {
                var page = ops.list(prefix, delimiter, pageSize, token);
                next[0] =
                    Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
                return page.keyCount() != null
                    ? page.keyCount()
                    : page.contents().size() + page.commonPrefixes().size();
              });
      w.listToken = ok ? next[0] : null;
      return true;
    }
  }

  /** Whole multipart uploads to new keys. */
  record Multipart(S3Ops ops, KeyLayout layout, SizeRange sizes, long partSize, AtomicLong next)
      implements Workload {
    @Override
    public boolean step(Worker w) {
      String key = layout.key(next.getAndIncrement());
      long size = sizes.pick(w.rng);
      w.time(Op.MULTIPART, () -> ops.multipart(key, size, partSize, w));
      return true;
    }
  }

  /**
   * A weighted mix over one key table; a DELETE that finds no key to delete PUTs instead. {@code
   * multipart} (soak mode only, else null) runs when the mix draws {@link Op#MULTIPART}.
   */
  record Mixed(
      Mix mix,
      Put put,
      Read get,
      Read stat,
      Lister list,
      S3Ops ops,
      KeyLayout layout,
      KeyTable table,
      MultipartAndDelete multipart)
      implements Workload {
    @Override
    public boolean step(Worker w) {
      return switch (mix.pick(w.rng)) {
        case PUT -> put.step(w);
        case GET -> get.step(w);
        case STAT -> stat.step(w);
        case LIST -> list.step(w);
        case MULTIPART -> multipart.step(w);
        case DELETE -> {
          KeyTable.Claim c = table.acquireDelete(w.rng);
          if (c == null) yield put.step(w);
          String key = layout.key(c.index());
          boolean ok = w.time(Op.DELETE, () -> ops.delete(key));
          table.release(c, !ok);
          yield true;
        }
        default -> throw new IllegalStateException("not a mix operation");
      };
    }
  }

  /**
   * A whole multipart upload of one full part of {@code partSize} plus a last part of a size drawn
   * from {@code sizes}, to a fresh key outside the key table, then its DELETE: the soak exercises
   * Create/UploadPart/Complete and the freeing of multipart objects without letting disk use grow.
   */
  record MultipartAndDelete(
      S3Ops ops, KeyLayout layout, SizeRange sizes, long partSize, AtomicLong next)
      implements Workload {
    @Override
    public boolean step(Worker w) {
      String key = layout.root() + "soak-multipart-" + next.getAndIncrement();
      long size = partSize + Math.max(1, sizes.pick(w.rng));
      if (w.time(Op.MULTIPART, () -> ops.multipart(key, size, partSize, w))) {
        w.time(Op.DELETE, () -> ops.delete(key));
      }
      return true;
    }
  }

  /** PUTs every key of the table once (prefill); done when all are claimed. */
  record Fill(S3Ops ops, KeyLayout layout, SizeRange sizes, KeyTable table, AtomicLong next)
      implements Workload {
    @Override
    public boolean step(Worker w) {
      long index = next.getAndIncrement();
      if (index >= table.size()) return false;
      String key = layout.key(index);
      long size = sizes.pick(w.rng);
      if (w.time(Op.PUT, () -> ops.put(key, size))) table.markPresent((int) index);
      return true;
    }
  }
}
