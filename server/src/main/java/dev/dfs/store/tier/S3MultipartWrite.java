package dev.dfs.store.tier;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One write of a large object to an S3 tier as a multipart upload: the body is streamed in parts of
 * {@code partSize} bytes (more when the object would need over {@value #MAX_PARTS} parts), each
 * part's ETag checked against the MD5 DFS computed while sending it and the completed upload's ETag
 * against the composite MD5 ({@code md5 of the parts' MD5s}, {@code -N}), when the service reports
 * MD5 ETags. Any failure aborts the upload, so nothing partial stays behind. Used by one thread,
 * once.
 */
final class S3MultipartWrite {
  /** S3's limit on the parts of one upload. */
  static final int MAX_PARTS = 10_000;

  private final S3Client client;
  private final String bucket;
  private final String remoteKey;
  private final String tier;

  S3MultipartWrite(S3Client client, String bucket, String remoteKey, String tier) {
    this.client = client;
    this.bucket = bucket;
    this.remoteKey = remoteKey;
    this.tier = tier;
  }

  /** The part size for {@code size} bytes: {@code partSize}, or more to stay within the limit. */
  static long partSize(long size, long partSize) {
    long least = (size + MAX_PARTS - 1) / MAX_PARTS;
    return Math.max(partSize, least);
  }

  /**
   * Streams exactly {@code size} bytes of {@code body} in parts; returns the hex MD5 of the whole
   * object. IOException (the upload aborted) on any failure or mismatch.
   */
  String write(InputStream body, long size, long partSize) throws IOException {
    String uploadId;
    try {
      uploadId = client.createMultipartUpload(c -> c.bucket(bucket).key(remoteKey)).uploadId();
    } catch (SdkException e) {
      throw new IOException("tier " + tier + ": starting an upload failed: " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      MessageDigest whole = Md5.create();
      Sent sent =
          sendParts(new DigestInputStream(body, whole), size, partSize(size, partSize), uploadId);
      complete(uploadId, sent);
      done = true;
      return HexFormat.of().formatHex(whole.digest());
    } catch (SdkException e) {
      throw new IOException(
          "tier " + tier + ": uploading " + remoteKey + " failed: " + e.getMessage(), e);
    } finally {
      if (!done) abort(uploadId);
    }
  }

  /** The parts sent, and the composite ETag they make: MD5 of their MD5s, "-", their count. */
  private record Sent(List<CompletedPart> parts, String composite) {}

  private Sent sendParts(InputStream in, long size, long partSize, String uploadId)
      throws IOException {
    List<CompletedPart> parts = new ArrayList<>();
    MessageDigest composite = Md5.create();
    long offset = 0;
    for (int n = 1; offset < size; n++) {
      long length = Math.min(partSize, size - offset);
      MessageDigest md5 = Md5.create();
      InputStream part = new DigestInputStream(BoundedInput.slice(in, length), md5);
      int number = n;
      String etag =
          client
              .uploadPart(
                  u ->
                      u.bucket(bucket)
                          .key(remoteKey)
                          .uploadId(uploadId)
                          .partNumber(number)
                          .contentLength(length),
                  RequestBody.fromInputStream(part, length))
              .eTag();
      byte[] sent = md5.digest();
      checkEtag(etag, HexFormat.of().formatHex(sent), "part " + n);
      composite.update(sent);
      parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
      offset += length;
    }
    return new Sent(parts, HexFormat.of().formatHex(composite.digest()) + "-" + parts.size());
  }

  private void complete(String uploadId, Sent sent) throws IOException {
    String etag =
        client
            .completeMultipartUpload(
                c ->
                    c.bucket(bucket)
                        .key(remoteKey)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(sent.parts())))
            .eTag();
    String got = etag == null ? "" : etag.replace("\"", "");
    if (got.matches("[0-9a-f]{32}-[0-9]+") && !got.equals(sent.composite())) {
      try {
        client.deleteObject(d -> d.bucket(bucket).key(remoteKey));
      } catch (SdkException e) {
        // the caller's discard deletes the key again, and start-up after that
      }
      throw new IOException(
          "tier "
              + tier
              + " assembled other bytes than were sent (ETag "
              + got
              + ", expected "
              + sent.composite()
              + ")");
    }
  }

  /** A plain MD5 ETag must be the MD5 sent; other ETags (SSE-KMS, …) prove nothing. */
  private void checkEtag(String etag, String sentHex, String what) throws IOException {
    String got = etag == null ? "" : etag.replace("\"", "");
    if (got.matches("[0-9a-f]{32}") && !got.equals(sentHex)) {
      throw new IOException(
          "tier "
              + tier
              + " stored other bytes than were sent for "
              + what
              + " (ETag "
              + got
              + ", MD5 "
              + sentHex
              + ")");
    }
  }

  private void abort(String uploadId) {
    try {
      client.abortMultipartUpload(a -> a.bucket(bucket).key(remoteKey).uploadId(uploadId));
    } catch (SdkException e) {
      // a remote keeps an aborted-but-unconfirmed upload until its own cleanup (Tier#write)
    }
  }
}
