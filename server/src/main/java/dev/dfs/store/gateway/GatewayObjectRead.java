package dev.dfs.store.gateway;

import dev.dfs.store.ByteRange;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An open read through the gateway. The upstream cannot hand out info before bytes the way the
 * local engine does, so {@link GatewayStore#open} first HEADs the object, and {@link
 * #stream(ByteRange)} then GETs it (or the range) with {@code If-Match} on the ETag the HEAD saw.
 * If the object was overwritten or deleted in between, the GET fails cleanly with an {@link
 * IOException} ("changed while being read") instead of serving bytes of a different object under
 * the first one's headers; unlike the local engine, the old bytes are not kept readable. The bytes
 * stream straight from the upstream connection; closing early aborts that connection rather than
 * draining it. Not thread-safe.
 */
final class GatewayObjectRead implements ObjectRead {
  private final S3Client client;
  private final String upstreamBucket;
  private final ObjectInfo info;
  private @Nullable ResponseInputStream<GetObjectResponse> open;
  private @Nullable Counting counting;

  GatewayObjectRead(S3Client client, String upstreamBucket, ObjectInfo info) {
    this.client = client;
    this.upstreamBucket = upstreamBucket;
    this.info = info;
  }

  @Override
  public ObjectInfo info() {
    return info;
  }

  @Override
  public InputStream stream(@Nullable ByteRange range) throws IOException {
    if (open != null) throw new IllegalStateException("stream() may be called once");
    GetObjectRequest.Builder get =
        GetObjectRequest.builder()
            .bucket(upstreamBucket)
            .key(info.key())
            .ifMatch(SdkMapping.quote(info.etag()));
    long length = info.size();
    if (range != null) {
      get.range("bytes=" + range.first() + "-" + range.last());
      length = range.length();
    }
    try {
      open = client.getObject(get.build());
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 404) {
        throw new IOException(
            "s3://"
                + info.bucket()
                + "/"
                + info.key()
                + " changed upstream while being read (overwritten or deleted)",
            e);
      }
      throw UpstreamErrors.asIOException(e);
    } catch (SdkException e) {
      throw UpstreamErrors.asIOException(e);
    }
    counting = new Counting(open, length);
    return counting;
  }

  @Override
  public void close() throws IOException {
    if (counting != null) counting.close();
  }

  /** Aborts the upstream connection when closed before the expected bytes were read. */
  private static final class Counting extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private long remaining;
    private boolean closed;

    Counting(ResponseInputStream<?> response, long length) {
      super(response);
      this.response = response;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) remaining--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) remaining -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      closed = true;
      if (remaining > 0) response.abort();
      response.close();
    }
  }
}
