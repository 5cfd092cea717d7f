package dev.dfs.s3;

import dev.dfs.lifecycle.Expiry;
import dev.dfs.lifecycle.LifecycleConfiguration;
import dev.dfs.lifecycle.LifecycleEvaluator;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Optional;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration, and the {@code x-amz-expiration} header GET, HEAD and
 * PUT of an object carry when a rule will expire it. The worker that applies the rules is {@link
 * dev.dfs.lifecycle.LifecycleWorker}. Thread-safe.
 */
final class LifecycleHandlers {
  private final LifecycleEvaluator evaluator;

  LifecycleHandlers(LifecycleEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /**
   * The bucket's lifecycle configuration, served by {@link BucketConfigHandler}: read through the
   * parsed cache, which every PUT and DELETE invalidates. S3 requires an integrity header
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
   * The {@code x-amz-expiration} value for the current object {@code info} of the request's bucket,
   * e.g. {@code expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion"}, or empty
   * when no enabled rule expires it. Reads the lifecycle configuration of the request's {@link
   * BucketContext}.
   */
  Optional<String> expirationHeader(S3Exchange ex, ObjectInfo info) throws IOException {
    // An engine that does not report Last-Modified on a write (a gateway) gets no header.
    if (info.lastModified() == null || info.metadata() == null) return Optional.empty();
    return lifecycle(ex)
        .flatMap(
            c ->
                evaluator.objectExpiry(
                    c, info.key(), info.size(), info.metadata().tags(), info.lastModified()))
        .map(LifecycleHandlers::headerValue);
  }

  /**
   * {@code x-amz-abort-date} and {@code x-amz-abort-rule-id} for a new multipart upload that an
   * AbortIncompleteMultipartUpload rule will abort; empty when none will.
   */
  java.util.Map<String, String> abortHeaders(S3Exchange ex, dev.dfs.store.UploadInfo upload)
      throws IOException {
    return lifecycle(ex)
        .flatMap(c -> evaluator.uploadAbort(c, upload.key(), upload.initiated()))
        .map(
            e ->
                java.util.Map.of(
                    "x-amz-abort-date",
                    HttpDates.format(e.at()),
                    "x-amz-abort-rule-id",
                    e.ruleId()))
        .orElse(java.util.Map.of());
  }

  /**
   * The request's bucket's lifecycle configuration; empty when its context cannot be loaded (the
   * bucket went away meanwhile), since a header is never worth failing a request for.
   */
  private static Optional<LifecycleConfiguration> lifecycle(S3Exchange ex) throws IOException {
    try {
      return ex.bucketContext().lifecycle();
    } catch (dev.dfs.store.StoreException e) {
      return Optional.empty();
    }
  }

  static String headerValue(Expiry e) {
    String id = e.ruleId().replace("\\", "\\\\").replace("\"", "\\\"");
    return "expiry-date=\"" + HttpDates.format(e.at()) + "\", rule-id=\"" + id + "\"";
  }
}
