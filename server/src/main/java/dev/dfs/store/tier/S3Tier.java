package dev.dfs.store.tier;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A tier in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph, another DFS), through the
 * AWS SDK: every key is the definition's prefix plus a DFS tier key. A write up to the definition's
 * part size is one PutObject whose returned ETag must be the MD5 DFS computed while sending (when
 * the service reports a plain MD5 ETag), so bytes damaged on the way are refused; a larger one is a
 * streamed multipart upload checked part by part and as a whole ({@link S3MultipartWrite}), so
 * objects over 5 GiB move too. Thread-safe.
 */
public final class S3Tier implements Tier {
  private final String name;
  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final long partSize;

  /** A client for the remote {@code definition} describes (an S3 definition, secret open). */
  public S3Tier(TierDefinition definition) {
    this.name = definition.name();
    this.bucket = definition.requireBucket();
    this.prefix = definition.prefix();
    this.partSize = definition.partSize();
    this.client = client(definition);
  }

  private static S3Client client(TierDefinition d) {
    String endpoint = d.endpoint(); // null: the AWS default for the region
    AwsCredentialsProvider credentials =
        d.accessKey() == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(d.accessKey(), d.secretKey()));
    S3ClientBuilder b =
        S3Client.builder()
            .region(Region.of(d.requireRegion()))
            .credentialsProvider(credentials)
            .forcePathStyle(endpoint != null)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)));
    if (endpoint != null) b.endpointOverride(URI.create(endpoint));
    return b.build();
  }

  @Override
  public String name() {
    return name;
  }

  private String remote(String key) {
    return prefix + TierKeys.check(key);
  }

  @Override
  public Written write(String key, InputStream body, long size) throws IOException {
    if (size > partSize) {
      String md5 =
          new S3MultipartWrite(client, bucket, remote(key), name).write(body, size, partSize);
      return new Written(size, md5);
    }
    MessageDigest md5 = Md5.create();
    DigestInputStream in = new DigestInputStream(body, md5);
    PutObjectResponse r;
    try {
      r =
          client.putObject(
              p -> p.bucket(bucket).key(remote(key)).contentLength(size),
              RequestBody.fromInputStream(in, size));
    } catch (SdkException e) {
      throw failure("writing", key, e);
    }
    String sent = HexFormat.of().formatHex(md5.digest());
    String etag = r.eTag() == null ? "" : r.eTag().replace("\"", "");
    if (etag.matches("[0-9a-f]{32}") && !etag.equals(sent)) {
      delete(key);
      throw new IOException(
          "tier "
              + name
              + " stored other bytes than were sent (ETag "
              + etag
              + ", MD5 "
              + sent
              + ")");
    }
    return new Written(size, sent);
  }

  @Override
  public InputStream read(String key, long offset, long length) throws IOException {
    String range =
        length < 0
            ? "bytes=" + offset + "-"
            : length == 0 ? null : "bytes=" + offset + "-" + (offset + length - 1);
    if (range == null) return InputStream.nullInputStream();
    try {
      return client.getObject(g -> g.bucket(bucket).key(remote(key)).range(range));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(name + ":" + key);
    } catch (SdkException e) {
      throw failure("reading", key, e);
    }
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return client.headObject(h -> h.bucket(bucket).key(remote(key))).contentLength();
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(name + ":" + key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) throw new NoSuchFileException(name + ":" + key);
      throw failure("checking", key, e);
    } catch (SdkException e) {
      throw failure("checking", key, e);
    }
  }

  /**
   * Deletes the object and aborts any multipart upload of the same key still open: a large write
   * cut short (its process killed, its node deposed) leaves one, whose parts the service keeps and
   * bills until aborted, and its copy is freed through this same call. One list request more per
   * delete.
   */
  @Override
  public void delete(String key) throws IOException {
    String remoteKey = remote(key);
    try {
      client.deleteObject(d -> d.bucket(bucket).key(remoteKey));
    } catch (NoSuchKeyException e) {
      // already gone
    } catch (SdkException e) {
      throw failure("deleting", key, e);
    }
    try {
      for (MultipartUpload u :
          client.listMultipartUploads(l -> l.bucket(bucket).prefix(remoteKey)).uploads()) {
        if (u.key().equals(remoteKey)) abort(remoteKey, u.uploadId());
      }
    } catch (SdkException e) {
      throw failure("aborting the unfinished uploads of", key, e);
    }
  }

  private void abort(String remoteKey, String uploadId) {
    try {
      client.abortMultipartUpload(a -> a.bucket(bucket).key(remoteKey).uploadId(uploadId));
    } catch (NoSuchUploadException e) {
      // completed or aborted meanwhile
    }
  }

  @Override
  public boolean empty() throws IOException {
    try {
      return client
          .listObjectsV2(l -> l.bucket(bucket).prefix(prefix).maxKeys(100))
          .contents()
          .stream()
          .noneMatch(o -> !o.key().startsWith(prefix + TierKeys.PROBES));
    } catch (SdkException e) {
      throw failure("listing", prefix, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private IOException failure(String doing, String key, SdkException e) {
    return new IOException(
        "tier "
            + name
            + ": "
            + doing
            + " "
            + bucket
            + "/"
            + prefix
            + key
            + " failed: "
            + e.getMessage(),
        e);
  }
}
