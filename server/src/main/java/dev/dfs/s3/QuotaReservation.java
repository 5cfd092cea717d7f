package dev.dfs.s3;

import dev.dfs.util.BodyException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * What an admitted write holds of its bucket's quota ({@link BucketQuotas#admit}) until it is
 * closed, which releases it: the stored usage counts the write from then on. Not thread-safe: one
 * per request.
 */
final class QuotaReservation implements AutoCloseable {
  /** The reservation of a write into a bucket without quota: nothing held, nothing metered. */
  static final QuotaReservation NONE = new QuotaReservation(null, null, 0, 0, false);

  private final @Nullable QuotaCheck check;
  private final BucketQuotas.@Nullable Pending pending;
  private final boolean streamed;
  private final long objects;
  private long bytes;
  private boolean closed;

  QuotaReservation(
      @Nullable QuotaCheck check,
      BucketQuotas.@Nullable Pending pending,
      long bytes,
      long objects,
      boolean streamed) {
    this.check = check;
    this.pending = pending;
    this.bytes = bytes;
    this.objects = objects;
    this.streamed = streamed;
  }

  /**
   * {@code body} as the store should read it: a streamed body grows the reservation with each read
   * and fails with {@link BodyException} QUOTA_EXCEEDED at the first byte over (so the store
   * commits nothing); any other body is returned as it is.
   */
  InputStream meter(InputStream body) {
    // a reservation has both a check and a pending count, or neither (NONE)
    return check == null || pending == null || !streamed ? body : new Metered(body, check, pending);
  }

  @Override
  public void close() {
    if (check == null || pending == null || closed) return;
    closed = true;
    pending.release(bytes, objects);
  }

  private final class Metered extends ReadThroughStream {
    private final QuotaCheck check;
    private final BucketQuotas.Pending pending;

    Metered(InputStream in, QuotaCheck check, BucketQuotas.Pending pending) {
      super(in);
      this.check = check;
      this.pending = pending;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        if (closed || !pending.grow(check, n)) {
          throw new BodyException(
              BodyException.Fault.QUOTA_EXCEEDED, check.message(bytes + n, objects, bytes + n));
        }
        bytes += n;
      }
      return n;
    }
  }
}
