package dev.dfs.s3;

import dev.dfs.lifecycle.Expiry;
import dev.dfs.lifecycle.LifecycleConfiguration;
import dev.dfs.lifecycle.LifecycleEvaluator;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Optional;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration, and the {@code x-amz-expiration} header GET,
 * HEAD and PUT of an object carry when a rule will expire it. The worker that applies the
 * rules is {@link dev.dfs.lifecycle.LifecycleWorker}. Thread-safe.
 */
final class LifecycleHandlers {
  private final LifecycleConfigs configs;
  private final LifecycleEvaluator evaluator;

  LifecycleHandlers(LifecycleConfigs configs, LifecycleEvaluator evaluator) {
    this.configs = configs;
    this.evaluator = evaluator;
  }

  /**
   * The bucket's lifecycle configuration, served by {@link BucketConfigHandler}: read through
   * the parsed cache, which every PUT and DELETE invalidates. S3 requires an integrity header
   * (Content-MD5 or x-amz-checksum-*) on the PUT.
   */
  static final class Configuration implements BucketConfigHandler.Document<LifecycleConfiguration> {
    private final LifecycleConfigs configs;

    Configuration(LifecycleConfigs configs) {
      this.configs = configs;
    }

    @Override
    public String name() {
      return LifecycleConfigs.DOCUMENT;
    }

    @Override
    public S3ErrorCode notFound() {
      return S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION;
    }

    @Override
    public LifecycleConfiguration fromXml(byte[] xml) {
      return LifecycleXml.parse(xml, configs.tiers());
    }

    @Override
    public XmlOut toXml(LifecycleConfiguration value) {
      return LifecycleXml.toXml(value);
    }

    @Override
    public Optional<LifecycleConfiguration> load(ObjectStore store, String bucket)
        throws IOException {
      return configs.configuration(bucket);
    }

    @Override
    public boolean integrityRequired() {
      return true;
    }

    @Override
    public void changed(String bucket) {
      configs.invalidate(bucket);
    }
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
