package dev.dfs.s3;

import dev.dfs.store.ByteRange;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.ReadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * GetObject and HeadObject: preconditions, {@code Range} and {@code partNumber}, response header
 * overrides, checksum mode, and the body streamed from the store in 64 KiB steps.
 */
final class ObjectReadHandlers {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final ObjectStore store;
  private final LifecycleHandlers lifecycle;
  private final ObjectEncryption encryption;

  ObjectReadHandlers(ObjectStore store, LifecycleHandlers lifecycle, ObjectEncryption encryption) {
    this.store = store;
    this.lifecycle = lifecycle;
    this.encryption = encryption;
  }

  void getObject(S3Exchange ex) throws IOException {
    serve(ex);
  }

  void headObject(S3Exchange ex) throws IOException {
    serve(ex);
  }

  /** What part of the object a request selects. */
  private record Selection(
      @Nullable ByteRange range, @Nullable Integer partNumber, int partsCount) {
    boolean whole() {
      return range == null && partNumber == null;
    }
  }

  private void serve(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    Integer partNumber = PartNumbers.parse(ex.param("partNumber"));
    String rangeHeader = ex.header("Range");
    if (partNumber != null && rangeHeader != null) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "Cannot specify both Range header and partNumber query parameter");
    }
    if (ex.header("x-amz-server-side-encryption") != null) {
      // S3: reads are decrypted by what the object records; declaring SSE-S3/KMS is a 400
      throw S3Exception.invalidArgument(
          "x-amz-server-side-encryption header is not supported for this operation.",
          "x-amz-server-side-encryption",
          ex.header("x-amz-server-side-encryption"));
    }
    SseHeaders.CustomerKey customer = SseHeaders.customerKey(ex, SseHeaders.CUSTOMER);
    try (ObjectRead read =
        store.open(
            new ReadRequest(ex.bucket(), ex.objectKey(), versionId, encryption.reader(customer)))) {
      ObjectInfo info = read.info();
      if (info.versionId() != null) ex.setHeader("x-amz-version-id", info.versionId());
      if (!ex.isHead()) {
        ArchivedObjects.requireReadable(info, ex.clock().instant());
        IntelligentTieringHeaders.accessed(store, info);
      }
      if (Conditionals.ofRead(ex).checkRead(info.etag(), info.lastModified())) {
        ObjectHeaders.validators(info).forEach(ex::setHeader);
        ex.sendEmpty(304);
        return;
      }
      Selection selection =
          partNumber != null ? selectPart(info, partNumber) : selectRange(ex, info, rangeHeader);
      Map<String, String> headers = ObjectHeaders.forObject(info);
      lifecycle.expirationHeader(ex, info).ifPresent(v -> headers.put("x-amz-expiration", v));
      ArchivedObjects.restoreHeader(info, ex.clock().instant())
          .ifPresent(v -> headers.put("x-amz-restore", v));
      IntelligentTieringHeaders.archiveStatus(info)
          .ifPresent(v -> headers.put("x-amz-archive-status", v));
      headers.putAll(ObjectEncryption.responseHeaders(info.metadata(), customer));
      if (!info.metadata().tags().isEmpty()) {
        headers.put("x-amz-tagging-count", Integer.toString(info.metadata().tags().size()));
      }
      headers.putAll(ObjectLockRules.headers(info));
      if (selection.whole() && "ENABLED".equalsIgnoreCase(ex.header("x-amz-checksum-mode"))) {
        headers.putAll(ObjectHeaders.checksum(info.checksum()));
      }
      ObjectHeaders.applyOverrides(headers, ex::param, ex.principal().anonymous());
      send(ex, read, info, selection, headers);
    }
  }

  /**
   * Sends status, headers and body. The object stream is opened before any header is set, so a
   * failure to open it still gets a clean error response.
   */
  private void send(
      S3Exchange ex,
      ObjectRead read,
      ObjectInfo info,
      Selection selection,
      Map<String, String> headers)
      throws IOException {
    ByteRange range = selection.range();
    int status = selection.whole() ? 200 : 206;
    long length = range == null ? info.size() : range.length();
    if (range != null) headers.put("Content-Range", RangeHeader.contentRange(range, info.size()));
    if (selection.partsCount() > 0) {
      headers.put("x-amz-mp-parts-count", Integer.toString(selection.partsCount()));
    }
    if (ex.isHead() || length == 0) {
      headers.forEach(ex::setHeader);
      ex.openBody(status, length).close();
      return;
    }
    try (InputStream in = read.stream(range)) {
      headers.forEach(ex::setHeader);
      OutputStream out = ex.openBody(status, length);
      if (in instanceof ObjectRead.BufferSource source) {
        long[] sent = {0};
        source.transferTo(
            b -> {
              sent[0] += b.remaining();
              ex.writeBody(b);
            });
        if (sent[0] != length)
          throw new IOException("object stream sent " + sent[0] + " of " + length + " bytes");
        out.close();
      } else {
        copy(in, out, length);
      }
    }
  }

  /**
   * Copies {@code length} bytes through one buffer. The body is closed only on success: after a
   * failure the dispatcher aborts the response, so the client sees a truncated transfer.
   */
  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[(int) Math.min(BUFFER_BYTES, length)];
    long remaining = length;
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) throw new IOException("object stream ended " + remaining + " bytes early");
      out.write(buffer, 0, n);
      remaining -= n;
    }
    out.close();
  }

  private static Selection selectRange(S3Exchange ex, ObjectInfo info, String rangeHeader) {
    Optional<RangeHeader> range = RangeHeader.parse(rangeHeader);
    if (range.isEmpty()) return new Selection(null, null, 0);
    Optional<ByteRange> resolved = range.get().resolve(info.size());
    if (resolved.isEmpty()) {
      ex.setHeader("Content-Range", "bytes */" + info.size());
      throw RangeHeader.notSatisfiable(rangeHeader, info.size());
    }
    return new Selection(resolved.get(), null, 0);
  }

  /**
   * The byte range of part {@code n}. An object written by a single PUT has one part, the whole
   * object, as S3 treats it.
   */
  private static Selection selectPart(ObjectInfo info, int n) {
    List<Long> sizes = info.partSizes();
    int count = sizes.size();
    if (count == 0) {
      if (n != 1) throw invalidPartNumber();
      if (info.size() == 0) return new Selection(null, n, 0);
      return new Selection(new ByteRange(0, info.size() - 1), n, 0);
    }
    if (n > count) throw invalidPartNumber();
    long first = 0;
    for (int i = 0; i < n - 1; i++) first += sizes.get(i);
    long size = sizes.get(n - 1);
    if (size == 0) return new Selection(null, n, count);
    return new Selection(new ByteRange(first, first + size - 1), n, count);
  }

  private static S3Exception invalidPartNumber() {
    return new S3Exception(S3ErrorCode.INVALID_PART_NUMBER);
  }
}
