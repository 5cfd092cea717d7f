package dev.dfs.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The S3 requests the benchmark makes, each returning the payload bytes it moved. */
final class S3Ops {
  private final S3Client s3;
  private final String bucket;
  private final Payload payload;
  private final boolean verify;

  S3Ops(S3Client s3, String bucket, Payload payload, boolean verify) {
    this.s3 = s3;
    this.bucket = bucket;
    this.payload = payload;
    this.verify = verify;
  }

  long put(String key, long size) {
    s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), payload.body(key, 0, size));
    return size;
  }

  /** Reads the whole body into {@code scratch} (checking its content with --verify). */
  long get(String key, byte[] scratch) throws IOException {
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      long read = payload.drain(in, scratch, key, verify);
      Long announced = in.response().contentLength();
      if (announced != null && announced != read) {
        throw new IOException(
            key + ": Content-Length " + announced + " but " + read + " bytes arrived");
      }
      return read;
    }
  }

  long head(String key) {
    s3.headObject(b -> b.bucket(bucket).key(key));
    return 0;
  }

  long delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
    return 0;
  }

  /** One ListObjectsV2 page. */
  ListObjectsV2Response list(
      String prefix, @Nullable String delimiter, int maxKeys, @Nullable String token) {
    ListObjectsV2Request.Builder b =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(maxKeys);
    if (delimiter != null && !delimiter.isEmpty()) b.delimiter(delimiter);
    if (token != null) b.continuationToken(token);
    return s3.listObjectsV2(b.build());
  }

  /**
   * A whole multipart upload of {@code size} bytes in parts of {@code partSize}, one part after the
   * other; each part is timed as {@link Op#UPLOAD_PART} on {@code worker}. A failed upload is
   * aborted and the failure rethrown.
   */
  long multipart(String key, long size, long partSize, Worker worker) throws Exception {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    try {
      int count = partCount(size, partSize);
      List<CompletedPart> parts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int number = i + 1;
        long from = i * partSize;
        long length = Math.min(partSize, size - from);
        String[] etag = new String[1];
        boolean ok =
            worker.time(
                Op.UPLOAD_PART,
                () -> {
                  UploadPartResponse r =
                      s3.uploadPart(
                          b ->
                              b.bucket(bucket)
                                  .key(key)
                                  .uploadId(uploadId)
                                  .partNumber(number)
                                  .contentLength(length),
                          payload.body(key, from, length));
                  etag[0] = r.eTag();
                  return length;
                });
        if (!ok) throw new IOException("part " + number + " of " + key + " failed");
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag[0]).build());
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
      return size;
    } catch (Exception e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Parts needed for {@code size} bytes (an empty object still takes one part). */
  static int partCount(long size, long partSize) {
    return (int) Math.max(1, (size + partSize - 1) / partSize);
  }
}
