package dev.dfs.s3;

import dev.dfs.lifecycle.Expiry;
import dev.dfs.lifecycle.LifecycleEvaluator;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration, and the {@code x-amz-expiration} header GET,
 * HEAD and PUT of an object carry when a rule will expire it. The worker that applies the
 * rules is {@link dev.dfs.lifecycle.LifecycleWorker}. Thread-safe.
 */
final class LifecycleHandlers {
  private final ObjectStore store;
  private final LifecycleConfigs configs;
  private final LifecycleEvaluator evaluator;

  LifecycleHandlers(ObjectStore store, LifecycleConfigs configs, LifecycleEvaluator evaluator) {
    this.store = store;
    this.configs = configs;
    this.evaluator = evaluator;
  }

  void getBucketLifecycle(S3Exchange ex) throws IOException {
    var config = configs.configuration(ex.bucket()).orElseThrow(
        () -> new S3Exception(S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION)
            .with("BucketName", ex.bucket()));
    ex.sendXml(200, LifecycleXml.toXml(config));
  }

  /** S3 requires an integrity header (Content-MD5 or x-amz-checksum-*) on this PUT. */
  void putBucketLifecycle(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, true);
    var config = LifecycleXml.parse(body);
    try {
      store.putBucketConfig(ex.bucket(), LifecycleConfigs.DOCUMENT,
          new String(LifecycleXml.toXml(config).toBytes(), StandardCharsets.UTF_8));
    } finally {
      configs.invalidate(ex.bucket());
    }
    ex.sendEmpty(200);
  }

  void deleteBucketLifecycle(S3Exchange ex) throws IOException {
    try {
      store.putBucketConfig(ex.bucket(), LifecycleConfigs.DOCUMENT, null);
    } finally {
      configs.invalidate(ex.bucket());
    }
    ex.sendEmpty(204);
  }

  /**
   * The {@code x-amz-expiration} value for the current object {@code info} of {@code bucket},
   * e.g. {@code expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion"}, or
   * empty when no enabled rule expires it. One in-memory lookup for a bucket without rules.
   */
  Optional<String> expirationHeader(String bucket, ObjectInfo info) {
    // An engine that does not report Last-Modified on a write (a gateway) gets no header.
    if (info.lastModified() == null || info.metadata() == null) return Optional.empty();
    return configs.cached(bucket)
        .flatMap(c -> evaluator.objectExpiry(c, info.key(), info.size(),
            info.metadata().tags(), info.lastModified()))
        .map(LifecycleHandlers::headerValue);
  }

  /**
   * {@code x-amz-abort-date} and {@code x-amz-abort-rule-id} for a new multipart upload that an
   * AbortIncompleteMultipartUpload rule will abort; empty when none will.
   */
  java.util.Map<String, String> abortHeaders(String bucket, dev.dfs.store.UploadInfo upload) {
    return configs.cached(bucket)
        .flatMap(c -> evaluator.uploadAbort(c, upload.key(), upload.initiated()))
        .map(e -> java.util.Map.of("x-amz-abort-date", HttpDates.format(e.at()),
            "x-amz-abort-rule-id", e.ruleId()))
        .orElse(java.util.Map.of());
  }

  static String headerValue(Expiry e) {
    String id = e.ruleId().replace("\\", "\\\\").replace("\"", "\\\"");
    return "expiry-date=\"" + HttpDates.format(e.at()) + "\", rule-id=\"" + id + "\"";
  }
}
